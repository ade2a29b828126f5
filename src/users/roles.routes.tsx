import { Hono } from 'hono'
import { plural } from '../lib/format.ts'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import {
  LockoutError,
  PERMISSION_NAMES,
  changeRolePermissions,
  isPermission,
  loadRoleSets,
  resetRolePermissions,
  type CellChange,
  type RoleSets,
} from '../auth/permissions.ts'
import { ROLE_LABELS, ROLES, isRole, type Role } from '../auth/roles.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import { RolesPage, cellKey, cellsOf } from '../../views/users/RolesPage.tsx'

// Roles × permissions: what each role may do, on top of its defaults.
export const adminRoleRoutes = new Hono<AppEnv>()
adminRoleRoutes.use(requirePermission('users.manage'))

const TITLE = 'Роли и права'

async function renderRoles(c: Ctx, refused?: { sets: RoleSets; error: string }) {
  const current = await loadRoleSets(c.get('db'))
  return c.render(
    <AdminPage user={userOf(c)} current="roles" title={TITLE}>
      <RolesPage sets={refused?.sets ?? current} base={current} error={refused?.error} />
    </AdminPage>,
    { title: TITLE },
  )
}

adminRoleRoutes.get('/', (c) => renderRoles(c))

// 'foreman:worklog.read' (several in one value: space-separated) → known cells; null if forged.
function parseCells(value: unknown): Set<string> | null {
  const values = Array.isArray(value) ? value : value == null ? [] : [value]
  if (!values.every((v) => typeof v === 'string')) return null
  const cells = new Set(values.flatMap((v: string) => v.split(/\s+/).filter(Boolean)))
  for (const cell of cells) {
    const [role, p, extra] = cell.split(':')
    if (extra !== undefined || !isRole(role) || !p || !isPermission(p)) return null
  }
  return cells
}

const changes = (n: number) => `${n} ${plural(n, 'изменение', 'изменения', 'изменений')}`

// The form carries the cells it showed checked ('was'): only cells the admin toggled are
// written, so two admins editing different cells at once do not undo each other.
adminRoleRoutes.post('/', async (c) => {
  const body = await c.req.parseBody({ all: true })
  const wanted = parseCells(body.p)
  const db = c.get('db')
  const current = await loadRoleSets(db)
  const was = 'was' in body ? parseCells(body.was) : new Set(cellsOf(current))
  if (!wanted || !was) return renderError(c, 400)
  const toggled: CellChange[] = ROLES.flatMap((role) =>
    PERMISSION_NAMES.filter((p) => wanted.has(cellKey(role, p)) !== was.has(cellKey(role, p))).map(
      (permission) => ({ role, permission, granted: wanted.has(cellKey(role, permission)) }),
    ),
  )
  try {
    const n = await changeRolePermissions(db, actorOf(c), toggled)
    if (n) await c.get('deps').live.permissionsChanged()
    const message = n ? `Права ролей сохранены: ${changes(n)}` : 'Права ролей не изменились'
    return redirectWithFlash(c, '/admin/roles', message)
  } catch (e) {
    if (!(e instanceof LockoutError)) throw e
    const sets = new Map([...current].map(([r, s]) => [r, new Set(s)]))
    for (const t of toggled) sets.get(t.role)![t.granted ? 'add' : 'delete'](t.permission)
    c.status(422)
    return renderRoles(c, { sets, error: e.message })
  }
})

async function reset(c: Ctx, roles: readonly Role[], done: string) {
  try {
    const n = await resetRolePermissions(c.get('db'), actorOf(c), roles)
    if (n) await c.get('deps').live.permissionsChanged()
    return redirectWithFlash(
      c,
      '/admin/roles',
      n ? `${done}: ${changes(n)}` : 'Права уже по умолчанию',
    )
  } catch (e) {
    if (!(e instanceof LockoutError)) throw e
    c.status(409)
    return renderRoles(c, { sets: await loadRoleSets(c.get('db')), error: e.message })
  }
}

adminRoleRoutes.post('/reset', (c) => reset(c, ROLES, 'Права всех ролей сброшены к умолчаниям'))

adminRoleRoutes.post('/:role/reset', (c) => {
  const role = c.req.param('role')
  if (!isRole(role)) return renderError(c, 404)
  return reset(c, [role], `Права роли «${ROLE_LABELS[role]}» сброшены к умолчаниям`)
})
