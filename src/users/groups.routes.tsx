import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { parseId, readForm, type FormValues } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { GroupMembers, RenameGroupForm } from '../../views/groups/GroupPage.tsx'
import { GroupsPage } from '../../views/groups/GroupList.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import {
  GroupNameTakenError,
  addGroupMember,
  createGroup,
  findGroup,
  groupMembers,
  listGroups,
  removeGroupMember,
  renameGroup,
} from './groups.queries.ts'
import { userDisplayName, userOptions } from './users.queries.ts'
import { groupForm, renameGroupForm } from './users.schema.ts'

// Groups («Участок №1», «Бригада Петрова») are granted project access as a whole.
export const adminGroupRoutes = new Hono<AppEnv>()
adminGroupRoutes.use(requirePermission('users.manage'))

const NAME_TAKEN = 'Группа с таким названием уже есть'

const renderList = async (c: Ctx, form: FormState) =>
  c.render(
    <AdminPage user={userOf(c)} current="groups" title="Группы">
      <GroupsPage rows={await listGroups(c.get('db'))} form={form} />
    </AdminPage>,
    { title: 'Группы' },
  )

adminGroupRoutes.get('/', (c) => renderList(c, emptyForm()))

adminGroupRoutes.post('/', async (c) => {
  const form = await readForm(await c.req.parseBody(), groupForm)
  if (!form.ok) {
    c.status(422)
    return renderList(c, form)
  }
  try {
    const id = await createGroup(c.get('db'), actorOf(c), form.data.name)
    return redirectWithFlash(c, `/admin/groups/${id}`, `Группа «${form.data.name}» создана`)
  } catch (e) {
    if (!(e instanceof GroupNameTakenError)) throw e
    c.status(422)
    return renderList(c, { values: form.values, errors: { name: NAME_TAKEN } })
  }
})

async function loadGroup(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return (id && (await findGroup(c.get('db'), id))) || null
}
type Group = NonNullable<Awaited<ReturnType<typeof loadGroup>>>

async function renderGroup(c: Ctx, g: Group, form: FormState, version: number) {
  const db = c.get('db')
  const [members, active] = await Promise.all([
    groupMembers(db, g.id),
    userOptions(db, { activeOnly: true }),
  ])
  const inGroup = new Set(members.map((m) => m.id))
  return c.render(
    <AdminPage user={userOf(c)} current="groups" title={`Группа «${g.name}»`}>
      <div class="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <div class="lg:col-span-2">
          <GroupMembers
            groupId={g.id}
            members={members}
            candidates={active.filter((u) => !inGroup.has(u.id))}
          />
        </div>
        <RenameGroupForm id={g.id} version={version} form={form} />
      </div>
    </AdminPage>,
    { title: g.name },
  )
}

adminGroupRoutes.get('/:id', async (c) => {
  const g = await loadGroup(c)
  if (!g) return renderError(c, 404)
  return renderGroup(c, g, emptyForm({ name: g.name }), g.version)
})

async function renderConflict(c: Ctx, current: Group, typed: FormValues) {
  c.status(409)
  return c.render(
    <AdminPage user={userOf(c)} current="groups" title={`Группа «${current.name}»`}>
      <ConflictView
        action={`/admin/groups/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={[{ name: 'name', label: 'Название', theirs: current.name, mine: typed.name ?? '' }]}
        typed={typed}
        cancelHref={`/admin/groups/${current.id}`}
      />
    </AdminPage>,
    { title: current.name },
  )
}

adminGroupRoutes.post('/:id', async (c) => {
  const g = await loadGroup(c)
  if (!g) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, renameGroupForm)
  if (!form.ok) {
    c.status(422)
    return renderGroup(c, g, form, version)
  }
  try {
    const saved = await renameGroup(c.get('db'), actorOf(c), g.id, version, form.data.name)
    if (!saved.ok) return renderConflict(c, saved.current, form.values)
  } catch (e) {
    if (!(e instanceof GroupNameTakenError)) throw e
    c.status(422)
    return renderGroup(c, g, { values: form.values, errors: { name: NAME_TAKEN } }, version)
  }
  return redirectWithFlash(c, `/admin/groups/${g.id}`, 'Группа переименована')
})

adminGroupRoutes.post('/:id/members', async (c) => {
  const g = await loadGroup(c)
  if (!g) return renderError(c, 404)
  const userId = parseId(String((await c.req.parseBody()).user_id ?? ''))
  const to = `/admin/groups/${g.id}`
  if (!userId) return redirectWithFlash(c, to, 'Выберите пользователя')
  const result = await addGroupMember(c.get('db'), actorOf(c), g.id, userId)
  if (result === 'added') await c.get('deps').live.accessChanged([userId])
  const messages = {
    added: 'Участник добавлен',
    member: 'Пользователь уже в группе',
    no_user: 'Такого активного пользователя нет',
  }
  return redirectWithFlash(c, to, messages[result])
})

adminGroupRoutes.post('/:id/members/:userId/delete', async (c) => {
  const g = await loadGroup(c)
  const userId = parseId(c.req.param('userId'))
  if (!g || !userId) return renderError(c, 404)
  const removed = await removeGroupMember(c.get('db'), actorOf(c), g.id, userId)
  // Projects seen through this group close for the user's open pages at once.
  if (removed) await c.get('deps').live.accessChanged([userId])
  return redirectWithFlash(
    c,
    `/admin/groups/${g.id}`,
    removed ? 'Участник убран из группы' : 'Пользователь уже не в группе',
  )
})
