import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { requirePermission } from '../auth/middleware.ts'
import { ROLE_LABELS, isRole } from '../auth/roles.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FormValues } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import { UserEditPage } from '../../views/users/UserEditPage.tsx'
import { NewUserForm } from '../../views/users/UserForm.tsx'
import { UserFilters, UserList } from '../../views/users/UserList.tsx'
import {
  LoginTakenError,
  createUser,
  departments,
  findUser,
  listUsers,
  setPassword,
  setUserActive,
  updateUser,
  userDisplayName,
} from './users.queries.ts'
import {
  USER_FIELDS,
  editUserForm,
  newUserForm,
  resetPasswordForm,
  userQuery,
} from './users.schema.ts'
import type { UserRow } from './users.table.ts'
import { userPageRoutes } from './user-page.routes.tsx'

export const adminUserRoutes = new Hono<AppEnv>()
adminUserRoutes.use(requirePermission('users.manage'))

const FIELD_NAMES = USER_FIELDS.map(([n]) => n)

// A typed password is never sent back to the browser.
const withoutPassword = ({ password: _, ...rest }: FormValues): FormValues => rest

adminUserRoutes.get('/', zValidator('query', userQuery), async (c) => {
  const q = c.req.valid('query')
  const page = await listUsers(c.get('db'), q)
  const list = { ...page, query: new URLSearchParams(new URL(c.req.url).search), isFirst: !q.after }
  if (wantsFragment(c)) return c.html(<UserList {...list} />)
  const actions = (
    <a class="btn btn-primary" href="/admin/users/new">
      + Новый пользователь
    </a>
  )
  return c.render(
    <AdminPage user={userOf(c)} current="users" title="Пользователи" actions={actions}>
      <UserFilters
        q={q.q ?? ''}
        role={q.role ?? ''}
        active={q.active ?? ''}
        department={q.department ?? ''}
        departments={await departments(c.get('db'))}
      />
      <UserList {...list} />
    </AdminPage>,
    { title: 'Пользователи' },
  )
})

const renderNew = (c: Ctx, form: FormState) =>
  c.render(
    <AdminPage user={userOf(c)} current="users" title="Новый пользователь">
      <NewUserForm form={form} />
    </AdminPage>,
    { title: 'Новый пользователь' },
  )

adminUserRoutes.get('/new', (c) => renderNew(c, emptyForm()))

adminUserRoutes.post('/', async (c) => {
  const form = await readForm(await c.req.parseBody(), newUserForm)
  const values = withoutPassword(form.values)
  if (!form.ok) {
    c.status(422)
    return renderNew(c, { values, errors: form.errors })
  }
  try {
    const id = await createUser(c.get('db'), actorOf(c), {
      ...form.data,
      must_change_password: true,
    })
    const message = `Пользователь «${form.data.full_name}» создан. Сообщите ему логин и временный пароль.`
    return redirectWithFlash(c, `/admin/users/${id}`, message)
  } catch (e) {
    if (!(e instanceof LoginTakenError)) throw e
    c.status(422)
    return renderNew(c, { values, errors: { login: 'Этот логин уже занят' } })
  }
})

// Someone must always be able to administer: the last active administrator stays one.
async function isLastAdmin(c: Ctx, userId: number) {
  const other = await c
    .get('db')
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .where('deleted_at', 'is', null)
    .where('id', '!=', userId)
    .executeTakeFirst()
  return !other
}

async function loadUser(c: Ctx): Promise<UserRow | null> {
  const id = parseId(c.req.param('id'))
  const row = id ? await findUser(c.get('db'), id) : undefined
  return row && !row.deleted_at ? row : null
}

function renderEdit(c: Ctx, u: UserRow, form: FormState, version: number, pw = emptyForm()) {
  const me = userOf(c)
  return c.render(
    <AdminPage user={me} current="users" title={u.full_name}>
      <UserEditPage
        u={u}
        form={form}
        passwordForm={pw}
        version={version}
        isSelf={u.id === me.id}
        canReadAudit={can(me, 'audit.read')}
      />
    </AdminPage>,
    { title: u.full_name },
  )
}

adminUserRoutes.route('/', userPageRoutes)

adminUserRoutes.get('/:id/edit', async (c) => {
  const u = await loadUser(c)
  if (!u) return renderError(c, 404)
  return renderEdit(c, u, emptyForm(formValuesOf(u, FIELD_NAMES)), u.version)
})

const shown = (name: string, v: string) => (name === 'role' && isRole(v) ? ROLE_LABELS[v] : v)

async function renderConflict(c: Ctx, current: UserRow, typed: FormValues) {
  const saved = formValuesOf(current, FIELD_NAMES)
  c.status(409)
  return c.render(
    <AdminPage user={userOf(c)} current="users" title={current.full_name}>
      <ConflictView
        action={`/admin/users/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={USER_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: shown(name, saved[name]),
          mine: shown(name, typed[name] ?? ''),
        }))}
        typed={typed}
        cancelHref={`/admin/users/${current.id}/edit`}
      />
    </AdminPage>,
    { title: current.full_name },
  )
}

adminUserRoutes.post('/:id', async (c) => {
  const u = await loadUser(c)
  if (!u) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, editUserForm)
  // An administrator keeps their own role: otherwise they could lock everyone out.
  if (form.ok && u.id === userOf(c).id && form.data.role !== u.role) {
    const message =
      u.role === 'admin'
        ? 'Нельзя снять роль администратора с самого себя — попросите другого администратора'
        : 'Нельзя изменить собственную роль — попросите администратора'
    c.status(422)
    return renderEdit(c, u, { values: form.values, errors: { role: message } }, version)
  }
  if (!form.ok) {
    c.status(422)
    return renderEdit(c, u, form, version)
  }
  if (u.role === 'admin' && form.data.role !== 'admin' && (await isLastAdmin(c, u.id))) {
    c.status(422)
    const message = 'Это последний активный администратор: сначала назначьте другого'
    return renderEdit(c, u, { values: form.values, errors: { role: message } }, version)
  }
  const { version: _, ...input } = form.data
  const saved = await updateUser(c.get('db'), actorOf(c), u.id, version, input)
  if (!saved.ok) return renderConflict(c, saved.current, form.values)
  await c.get('deps').live.sessionsChanged(u.id)
  const message =
    saved.row.role !== u.role
      ? 'Изменения сохранены. Роль изменена: сеансы пользователя завершены.'
      : 'Изменения сохранены'
  return redirectWithFlash(c, `/admin/users/${u.id}/edit`, message)
})

for (const [path, active, message] of [
  ['deactivate', false, 'Пользователь отключён, его сеансы завершены'],
  ['activate', true, 'Пользователь снова может входить'],
] as const) {
  adminUserRoutes.post(`/:id/${path}`, async (c) => {
    const u = await loadUser(c)
    if (!u) return renderError(c, 404)
    const to = `/admin/users/${u.id}/edit`
    if (u.id === userOf(c).id)
      return redirectWithFlash(c, to, 'Нельзя отключить собственную учётную запись')
    if (!active && u.role === 'admin' && (await isLastAdmin(c, u.id)))
      return redirectWithFlash(c, to, 'Нельзя отключить последнего активного администратора')
    const changed = await setUserActive(c.get('db'), actorOf(c), u.id, active)
    // Open pages of a deactivated user are disconnected at once, on every process.
    if (changed) await c.get('deps').live.sessionsChanged(u.id)
    return redirectWithFlash(c, to, changed ? message : 'Ничего не изменилось')
  })
}

adminUserRoutes.post('/:id/password', async (c) => {
  const u = await loadUser(c)
  if (!u) return renderError(c, 404)
  const to = `/admin/users/${u.id}/edit`
  if (u.id === userOf(c).id) return redirectWithFlash(c, to, 'Свой пароль меняйте в профиле')
  const form = await readForm(await c.req.parseBody(), resetPasswordForm(u.login))
  if (!form.ok) {
    c.status(422)
    const profile = emptyForm(formValuesOf(u, FIELD_NAMES))
    return renderEdit(c, u, profile, u.version, { values: {}, errors: form.errors })
  }
  await setPassword(c.get('db'), actorOf(c), u.id, form.data.password, { mustChange: true })
  await c.get('deps').live.sessionsChanged(u.id)
  return redirectWithFlash(c, to, 'Временный пароль задан, сеансы пользователя завершены')
})
