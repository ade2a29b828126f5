import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { setDeleted } from '../db/soft-delete.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { userDisplayName, userOptions } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { CrewPage } from '../../views/reference/CrewPage.tsx'
import { CrewsPage } from '../../views/reference/CrewsPage.tsx'
import { ReferencePage } from '../../views/reference/ReferencePage.tsx'
import { requireForWrites } from './access.ts'
import {
  CrewNameTakenError,
  NoSuchForemanError,
  addCrewMember,
  createCrew,
  crewMembers,
  findCrew,
  listCrews,
  removeCrewMember,
  updateCrew,
} from './crews.queries.ts'
import { CREW_FIELDS, crewForm } from './reference.schema.ts'
import type { Crew } from './reference.table.ts'

// Crews (бригады): everyone reads; admin and PTO engineer form them.
export const crewRoutes = new Hono<AppEnv>()
crewRoutes.use(requireForWrites())

const BASE = '/reference/crews'
const NAMES = CREW_FIELDS.map(([name]) => name)

// A refused save: the message goes to its field.
function refusal(e: unknown): FieldErrors {
  if (e instanceof CrewNameTakenError)
    return { name: 'Бригада с таким названием уже есть (возможно, скрытая)' }
  if (e instanceof NoSuchForemanError) return { foreman_id: 'Выберите активного пользователя' }
  throw e
}

async function renderList(c: Ctx, form: FormState) {
  const user = userOf(c)
  const write = can(user, 'reference.write')
  const db = c.get('db')
  const [rows, users] = await Promise.all([
    listCrews(db, { withHidden: write }),
    write ? userOptions(db, { activeOnly: true }) : [],
  ])
  return c.render(
    <CrewsPage user={user} rows={rows} canWrite={write} form={form} users={users} />,
    { title: 'Бригады' },
  )
}

crewRoutes.get('/', (c) => renderList(c, emptyForm()))

crewRoutes.post('/', async (c) => {
  const form = await readForm(await c.req.parseBody(), crewForm)
  if (!form.ok) {
    c.status(422)
    return renderList(c, form)
  }
  try {
    const id = await createCrew(c.get('db'), actorOf(c), form.data)
    return redirectWithFlash(c, `${BASE}/${id}`, `Бригада «${form.data.name}» создана`)
  } catch (e) {
    const errors = refusal(e)
    c.status(422)
    return renderList(c, { values: form.values, errors })
  }
})

// A hidden crew is shown only to those who may restore it.
async function load(c: Ctx) {
  const id = parseId(c.req.param('id'))
  const crew = id ? await findCrew(c.get('db'), id) : undefined
  return crew && (!crew.deleted_at || can(userOf(c), 'reference.write')) ? crew : undefined
}

async function renderCrew(c: Ctx, crew: Crew, form: FormState, version: number) {
  const user = userOf(c)
  const db = c.get('db')
  const [members, active, foreman] = await Promise.all([
    crewMembers(db, crew.id),
    userOptions(db, { activeOnly: true }),
    crew.foreman_id ? userDisplayName(db, crew.foreman_id) : null,
  ])
  // A foreman since deactivated stays selectable, so saving the name does not drop him.
  const users =
    crew.foreman_id && foreman && !active.some((u) => u.id === crew.foreman_id)
      ? [...active, { id: crew.foreman_id, full_name: foreman, login: 'отключён' }]
      : active
  return c.render(
    <CrewPage
      user={user}
      crew={crew}
      foreman={foreman}
      members={members}
      canWrite={can(user, 'reference.write')}
      users={users}
      form={form}
      version={version}
    />,
    { title: crew.name },
  )
}

crewRoutes.get('/:id', async (c) => {
  const crew = await load(c)
  if (!crew) return renderError(c, 404)
  return renderCrew(c, crew, emptyForm(formValuesOf(crew, NAMES)), crew.version)
})

async function renderConflict(c: Ctx, current: Crew, typed: FormValues) {
  const db = c.get('db')
  const nameOf = async (id: string) => (parseId(id) ? userDisplayName(db, Number(id)) : '')
  const saved = formValuesOf(current, NAMES)
  const [theirForeman, myForeman] = await Promise.all([
    nameOf(saved.foreman_id),
    nameOf(typed.foreman_id ?? ''),
  ])
  const shown = (name: string, v: string, foreman: string) => (name === 'foreman_id' ? foreman : v)
  c.status(409)
  return c.render(
    <ReferencePage user={userOf(c)} current="crews" title={current.name}>
      <ConflictView
        action={`${BASE}/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(db, current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={CREW_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: shown(name, saved[name], theirForeman),
          mine: shown(name, (typed[name] ?? '').trim(), myForeman),
        }))}
        typed={typed}
        cancelHref={`${BASE}/${current.id}`}
      />
    </ReferencePage>,
    { title: current.name },
  )
}

crewRoutes.post('/:id', async (c) => {
  const crew = await load(c)
  if (!crew) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, crewForm)
  if (!form.ok) {
    c.status(422)
    return renderCrew(c, crew, form, version)
  }
  try {
    const saved = await updateCrew(c.get('db'), actorOf(c), crew.id, version, form.data)
    if (!saved.ok) return renderConflict(c, saved.current, form.values)
  } catch (e) {
    const errors = refusal(e)
    c.status(422)
    return renderCrew(c, crew, { values: form.values, errors }, version)
  }
  return redirectWithFlash(c, `${BASE}/${crew.id}`, 'Бригада сохранена')
})

crewRoutes.post('/:id/members', async (c) => {
  const crew = await load(c)
  if (!crew) return renderError(c, 404)
  const userId = parseId(String((await c.req.parseBody()).user_id ?? ''))
  const to = `${BASE}/${crew.id}`
  if (!userId) return redirectWithFlash(c, to, 'Выберите пользователя')
  const result = await addCrewMember(c.get('db'), actorOf(c), crew.id, userId)
  const messages = {
    added: 'Добавлен в бригаду',
    member: 'Пользователь уже в бригаде',
    no_user: 'Такого активного пользователя нет',
  }
  return redirectWithFlash(c, to, messages[result])
})

crewRoutes.post('/:id/members/:userId/delete', async (c) => {
  const crew = await load(c)
  const userId = parseId(c.req.param('userId'))
  if (!crew || !userId) return renderError(c, 404)
  const removed = await removeCrewMember(c.get('db'), actorOf(c), crew.id, userId)
  return redirectWithFlash(
    c,
    `${BASE}/${crew.id}`,
    removed ? 'Убран из бригады' : 'Пользователь уже не в бригаде',
  )
})

for (const [path, deleted, message] of [
  ['delete', true, 'Бригада скрыта из списков (записи журнала с ней сохраняются)'],
  ['restore', false, 'Бригада восстановлена'],
] as const) {
  crewRoutes.post(`/:id/${path}`, async (c) => {
    const crew = await load(c)
    if (!crew) return renderError(c, 404)
    await setDeleted(c.get('db'), actorOf(c), 'crews', 'crew', crew.id, deleted)
    return redirectWithFlash(c, `${BASE}/${crew.id}`, message)
  })
}
