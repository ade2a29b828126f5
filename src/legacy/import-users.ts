import type { Role } from '../auth/roles.ts'
import { userSearch } from '../users/users.queries.ts'
import { parsePermissions, type PyValue } from './py-repr.ts'
import type { Run } from './run.ts'
import { norm, text, type LegacyFile } from './source.ts'
import { moscowLocalToUtc } from './time.ts'

// A password hash nothing verifies: the account exists but cannot sign in until an
// administrator sets a password (the PTO tool kept no passwords).
export const NO_PASSWORD = '!'

// Words of the old free-text position, in the order they are tried.
const POSITION_ROLES: [RegExp, Role][] = [
  [/начальник участка/, 'site_chief'],
  [/руководитель проекта/, 'project_manager'],
  [/прораб/, 'foreman'],
  [/(^|[^а-яa-z])пто([^а-яa-z]|$)/, 'pto_engineer'],
  [/директор/, 'director'],
  [/кладовщ/, 'storekeeper'],
]
const ADMIN_FLAGS = ['admin', 'is_admin', 'superuser', 'is_superuser']

// The role of a desktop-app user: an administrator by is_admin (or an admin flag among the
// permissions), else by the words of his position (or department), else an observer.
export function roleOf(u: {
  is_admin: unknown
  position: unknown
  department: unknown
  permissions: Record<string, PyValue> | null
}): Role {
  if (truthy(u.is_admin) || ADMIN_FLAGS.some((f) => u.permissions?.[f] === true)) return 'admin'
  const role = u.permissions?.role
  for (const source of [u.position, u.department, typeof role === 'string' ? role : null]) {
    const words = norm(source)
    for (const [re, r] of POSITION_ROLES) if (words && re.test(words)) return r
  }
  return 'viewer'
}

const truthy = (v: unknown) => v === 1 || v === true || v === '1' || norm(v) === 'true'

interface MainUser {
  id: number
  username: string
  email: string | null
  hashed_password: string | null
  full_name: string | null
  position: string | null
  department: string | null
  is_active: unknown
  is_admin: unknown
  permissions: string | null
  created_at: string | null
  updated_at: string | null
}

// A login that exists here already is the same person: the legacy row is linked to that user
// and nothing of his is changed (his password here stays).
async function existingLogin(run: Run, login: string) {
  const u = await run.trx
    .selectFrom('users')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirst()
  return u?.id ?? null
}

export async function importMainUsers(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'users')
  for (const u of main.rows<MainUser>('users')) {
    if (run.already(t, 'main', 'users', u.id)) continue
    const login = norm(u.username).replace(/ /g, '')
    if (!login) {
      t.skip(u.id, 'Пустой логин')
      continue
    }
    const existing = await existingLogin(run, login)
    if (existing) {
      await run.remember('main', 'users', u.id, 'user', existing)
      t.merged()
      continue
    }
    const permissions = parsePermissions(u.permissions)
    const full_name = text(u.full_name) ?? login
    const email = text(u.email)
    const at = moscowLocalToUtc(u.created_at)
    const values = {
      login,
      full_name,
      email,
      phone: null,
      company: null,
      department: text(u.department),
      position: text(u.position),
      role: roleOf({ ...u, permissions }),
      is_active: u.is_active == null || truthy(u.is_active) ? 1 : 0,
      // passlib's bcrypt ($2b$…) as it was: the sign-in verifies it once and stores Argon2id.
      password_hash: text(u.hashed_password) ?? NO_PASSWORD,
      must_change_password: 0,
      search: userSearch({ login, full_name, email }),
      ...run.stamp(at, null, moscowLocalToUtc(u.updated_at)),
    }
    const { id } = await run.trx
      .insertInto('users')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    run.people.add({ id, login, full_name })
    await run.remember('main', 'users', u.id, 'user', id)
    await run.audit('user.create', 'user', id, {
      ...values,
      // Permissions here belong to roles; the old per-user ones are kept for the record.
      legacy_permissions: permissions ?? { unreadable: u.permissions },
    })
    t.imported()
  }
}

interface PtoUser {
  id: number
  username: string
  full_name: string
  role: string | null
  created_at: string | null
}

// The PTO tool's users had no passwords. One who is a user here already (same login, or same
// full name) is linked to him; another becomes a switched-off account, so the documents he
// shipped keep their author, and an administrator may switch it on and give a password.
export async function importPtoUsers(run: Run, pto: LegacyFile) {
  const t = run.tally('pto', 'users')
  for (const u of pto.rows<PtoUser>('users')) {
    if (run.already(t, 'pto', 'users', u.id)) continue
    const login = norm(u.username).replace(/ /g, '')
    if (!login) {
      t.skip(u.id, 'Пустой логин')
      continue
    }
    const existing = (await existingLogin(run, login)) ?? run.people.match(u.full_name)
    if (existing) {
      await run.remember('pto', 'users', u.id, 'user', existing)
      t.merged()
      continue
    }
    const full_name = text(u.full_name) ?? login
    const values = {
      login,
      full_name,
      email: null,
      phone: null,
      company: null,
      department: null,
      position: null,
      role: (norm(u.role) === 'admin' ? 'admin' : 'pto_engineer') as Role,
      is_active: 0,
      password_hash: NO_PASSWORD,
      must_change_password: 1,
      search: userSearch({ login, full_name, email: null }),
      ...run.stamp(moscowLocalToUtc(u.created_at)),
    }
    const { id } = await run.trx
      .insertInto('users')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    run.people.add({ id, login, full_name })
    await run.remember('pto', 'users', u.id, 'user', id)
    await run.audit('user.create', 'user', id, values)
    t.imported()
  }
}
