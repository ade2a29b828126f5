import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { setDeleted } from '../db/soft-delete.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FormValues } from '../lib/forms.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { HideMarkingType, MarkingTypeForm } from '../../views/reference/MarkingTypeForm.tsx'
import { MarkingTypesPage } from '../../views/reference/MarkingTypesPage.tsx'
import { ReferencePage } from '../../views/reference/ReferencePage.tsx'
import { canWrite, requireForWrites } from './access.ts'
import {
  CodeTakenError,
  confirmMarkingType,
  createMarkingType,
  findMarkingType,
  listMarkingTypes,
  updateMarkingType,
} from './marking-types.queries.ts'
import { KIND_LABELS, MARKING_FIELDS, markingTypeForm } from './reference.schema.ts'
import type { MarkingType } from './reference.table.ts'

// Marking types by ГОСТ Р 51256-2018: everyone reads; admin and PTO engineer edit and confirm.
export const markingTypeRoutes = new Hono<AppEnv>()
markingTypeRoutes.use(requireForWrites())

const BASE = '/reference/marking-types'
const CODE_TAKEN = 'Тип с таким номером уже есть'
const NAMES = MARKING_FIELDS.map(([name]) => name)

async function renderList(c: Ctx, notice?: string) {
  const user = userOf(c)
  const write = can(user, 'reference.write')
  const rows = await listMarkingTypes(c.get('db'), { withHidden: write })
  return c.render(<MarkingTypesPage user={user} rows={rows} canWrite={write} notice={notice} />, {
    title: 'Типы разметки',
  })
}

markingTypeRoutes.get('/', (c) => renderList(c))

function renderForm(c: Ctx, form: FormState, row?: MarkingType, version?: number) {
  const title = row ? `Тип разметки ${row.code}` : 'Новый тип разметки'
  return c.render(
    <ReferencePage user={userOf(c)} current="marking-types" title={title}>
      <MarkingTypeForm
        form={form}
        action={row ? `${BASE}/${row.id}` : BASE}
        version={version}
        confirmed={row?.confirmed}
      />
      {row && <HideMarkingType id={row.id} hidden={!!row.deleted_at} />}
    </ReferencePage>,
    { title },
  )
}

// The stored ratio follows from dash and gap; the form shows it only when typed by hand.
function valuesOf(row: MarkingType): FormValues {
  const values = formValuesOf(row, NAMES)
  if (row.dash_m != null && row.gap_m != null) values.fill_ratio = ''
  return values
}

markingTypeRoutes.get('/new', canWrite, (c) =>
  renderForm(c, emptyForm({ kind: 'line', lines: '1', colour: 'белая' })),
)

markingTypeRoutes.post('/', async (c) => {
  const form = await readForm(await c.req.parseBody(), markingTypeForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, form)
  }
  try {
    await createMarkingType(c.get('db'), actorOf(c), form.data)
  } catch (e) {
    if (!(e instanceof CodeTakenError)) throw e
    c.status(422)
    return renderForm(c, { values: form.values, errors: { code: CODE_TAKEN } })
  }
  return redirectWithFlash(c, BASE, `Тип ${form.data.code} добавлен; он не проверен по ГОСТ`)
})

async function load(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findMarkingType(c.get('db'), id) : undefined
}

markingTypeRoutes.get('/:id/edit', canWrite, async (c) => {
  const row = await load(c)
  if (!row) return renderError(c, 404)
  return renderForm(c, emptyForm(valuesOf(row)), row, row.version)
})

// What a user reads in the conflict view: the kind by its label, decimals with a comma.
const shown = (name: string, v: string) =>
  name === 'kind' ? (KIND_LABELS[v as MarkingType['kind']] ?? v) : v.trim().replace('.', ',')

async function renderConflict(c: Ctx, current: MarkingType, typed: FormValues) {
  const saved = valuesOf(current)
  c.status(409)
  return c.render(
    <ReferencePage user={userOf(c)} current="marking-types" title={`Тип разметки ${current.code}`}>
      <ConflictView
        action={`${BASE}/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={MARKING_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: shown(name, saved[name]),
          mine: shown(name, typed[name] ?? ''),
        }))}
        typed={typed}
        cancelHref={BASE}
      />
    </ReferencePage>,
    { title: current.code },
  )
}

markingTypeRoutes.post('/:id', async (c) => {
  const row = await load(c)
  if (!row) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, markingTypeForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, form, row, version)
  }
  try {
    const saved = await updateMarkingType(c.get('db'), actorOf(c), row.id, version, form.data)
    if (!saved.ok) return renderConflict(c, saved.current, form.values)
    const note = saved.row.confirmed ? '' : '; отметьте «Подтвердить», когда значения проверены'
    return redirectWithFlash(c, BASE, `Тип ${saved.row.code} сохранён${note}`)
  } catch (e) {
    if (!(e instanceof CodeTakenError)) throw e
    c.status(422)
    return renderForm(c, { values: form.values, errors: { code: CODE_TAKEN } }, row, version)
  }
})

// Confirms the values of the version the user saw; a newer version must be looked at first.
markingTypeRoutes.post('/:id/confirm', async (c) => {
  const row = await load(c)
  if (!row) return renderError(c, 404)
  const version = Number((await c.req.parseBody()).version) || 0
  const db = c.get('db')
  const saved = await confirmMarkingType(db, actorOf(c), row.id, version)
  if (saved.ok) return redirectWithFlash(c, BASE, `Тип ${row.code} отмечен как проверенный`)
  const by = await userDisplayName(db, saved.current.updated_by)
  c.status(409)
  return renderList(
    c,
    `Тип ${saved.current.code} уже изменил(а) ${by} ${formatDateTime(saved.current.updated_at)}. ` +
      'Ничего не подтверждено: проверьте новые значения и подтвердите снова.',
  )
})

for (const [path, deleted, message] of [
  ['delete', true, 'Тип скрыт из списков (записи журнала с ним сохраняются)'],
  ['restore', false, 'Тип восстановлен'],
] as const) {
  markingTypeRoutes.post(`/:id/${path}`, async (c) => {
    const row = await load(c)
    if (!row) return renderError(c, 404)
    await setDeleted(c.get('db'), actorOf(c), 'marking_types', 'marking_type', row.id, deleted)
    return redirectWithFlash(c, BASE, message)
  })
}
