import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FormValues } from '../lib/forms.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { MaterialForm, MaterialsPage } from '../../views/reference/MaterialsPage.tsx'
import { ReferencePage } from '../../views/reference/ReferencePage.tsx'
import { canWrite, requireForWrites } from './access.ts'
import { findMaterial, listMaterials, updateMaterial } from './materials.queries.ts'
import { MATERIAL_FIELDS, materialForm } from './reference.schema.ts'
import type { Material } from './reference.table.ts'

// Materials of execution: the nine of the desktop app; names and order are editable.
export const materialRoutes = new Hono<AppEnv>()
materialRoutes.use(requireForWrites())

const BASE = '/reference/materials'
const NAMES = MATERIAL_FIELDS.map(([name]) => name)

materialRoutes.get('/', async (c) => {
  const user = userOf(c)
  const rows = await listMaterials(c.get('db'))
  return c.render(
    <MaterialsPage user={user} rows={rows} canWrite={can(user, 'reference.write')} />,
    { title: 'Материалы' },
  )
})

async function load(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findMaterial(c.get('db'), id) : undefined
}

function renderForm(c: Ctx, row: Material, form: FormState, version: number) {
  return c.render(
    <ReferencePage user={userOf(c)} current="materials" title={`Материал: ${row.name}`}>
      <MaterialForm id={row.id} code={row.code} form={form} version={version} />
    </ReferencePage>,
    { title: row.name },
  )
}

materialRoutes.get('/:id/edit', canWrite, async (c) => {
  const row = await load(c)
  if (!row) return renderError(c, 404)
  return renderForm(c, row, emptyForm(formValuesOf(row, NAMES)), row.version)
})

async function renderConflict(c: Ctx, current: Material, typed: FormValues) {
  const saved = formValuesOf(current, NAMES)
  c.status(409)
  return c.render(
    <ReferencePage user={userOf(c)} current="materials" title={`Материал: ${current.name}`}>
      <ConflictView
        action={`${BASE}/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={MATERIAL_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: (typed[name] ?? '').trim(),
        }))}
        typed={typed}
        cancelHref={BASE}
      />
    </ReferencePage>,
    { title: current.name },
  )
}

materialRoutes.post('/:id', async (c) => {
  const row = await load(c)
  if (!row) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, materialForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, row, form, version)
  }
  const saved = await updateMaterial(c.get('db'), actorOf(c), row.id, version, form.data)
  if (!saved.ok) return renderConflict(c, saved.current, form.values)
  return redirectWithFlash(c, BASE, `Материал «${saved.row.name}» сохранён`)
})
