import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { hashPassword } from '../auth/passwords.ts'
import type { Role } from '../auth/roles.ts'
import { invalidateUserSessions } from '../auth/sessions.ts'
import { nowIso } from '../db/business.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import type { Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
import { keysetPage } from '../lib/keyset.ts'
import type { SaveResult } from '../lib/versioned.ts'
import type { EditUserInput, UserQuery } from './users.schema.ts'
import type { UserRow } from './users.table.ts'

export interface UserInput {
  login: string
  full_name: string
  password: string
  role: Role
  email?: string | null
  phone?: string | null
  company?: string | null
  department?: string | null
  position?: string | null
  must_change_password?: boolean
}

export class LoginTakenError extends Error {}

export const userSearch = (u: Pick<UserRow, 'login' | 'full_name' | 'email'>) =>
  searchText(u.login, u.full_name, u.email)

export async function createUser(db: Db, actor: Actor, input: UserInput): Promise<number> {
  const password_hash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('login', '=', input.login)
      .executeTakeFirst()
    if (taken) throw new LoginTakenError(input.login)
    const now = nowIso()
    const values = {
      login: input.login,
      full_name: input.full_name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      company: input.company ?? null,
      department: input.department ?? null,
      position: input.position ?? null,
      role: input.role,
      is_active: 1,
      password_hash,
      must_change_password: input.must_change_password ? 1 : 0,
      search: userSearch({
        login: input.login,
        full_name: input.full_name,
        email: input.email ?? null,
      }),
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
      updated_by: actor.userId,
    }
    const { id } = await trx
      .insertInto('users')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: values,
    })
    return id
  })
}

export const findUser = (db: Db, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()

export async function setPassword(
  db: Db,
  actor: Actor,
  userId: number,
  password: string,
  opts: { keepSessionId?: string; mustChange?: boolean } = {},
) {
  const password_hash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash,
        must_change_password: opts.mustChange ? 1 : 0,
        version: eb('version', '+', 1),
        updated_at: nowIso(),
        updated_by: actor.userId,
      }))
      .where('id', '=', userId)
      .execute()
    // A changed password ends every other session of the user.
    await invalidateUserSessions(trx, userId, opts.keepSessionId)
    await audit(trx, actor, { action: 'user.password', entityType: 'user', entityId: userId })
  })
}

export const countUsers = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  )

export async function userDisplayName(db: Db, id: number | null) {
  if (!id) return 'Система'
  const u = await db.selectFrom('users').select('full_name').where('id', '=', id).executeTakeFirst()
  return u?.full_name ?? 'Неизвестный пользователь'
}

export async function listUsers(db: Db, q: UserQuery) {
  let qb = db
    .selectFrom('users')
    .select([
      'id',
      'login',
      'full_name',
      'role',
      'department',
      'position',
      'is_active',
      'must_change_password',
    ])
    .where('deleted_at', 'is', null)
  if (q.q) qb = qb.where('search', 'like', `%${searchText(q.q)}%`)
  if (q.role) qb = qb.where('role', '=', q.role)
  if (q.active) qb = qb.where('is_active', '=', Number(q.active))
  if (q.department) qb = qb.where('department', '=', q.department)
  return keysetPage(
    qb,
    { column: 'users.full_name', dir: 'asc', idColumn: 'users.id' },
    q.after,
    (r) => [r.full_name, r.id],
  )
}
export const departments = async (db: Db) =>
  (
    await db
      .selectFrom('users')
      .select('department')
      .distinct()
      .where('department', 'is not', null)
      .where('deleted_at', 'is', null)
      .orderBy('department')
      .limit(200)
      .execute()
  ).map((r) => r.department as string)

export type UserListRow = Awaited<ReturnType<typeof listUsers>>['rows'][number]

// Everyone for a filter (the audit log names former staff too), or only who may sign in.
export function userOptions(db: Db, opts: { activeOnly?: boolean } = {}) {
  let qb = db
    .selectFrom('users')
    .select(['id', 'full_name', 'login'])
    .where('deleted_at', 'is', null)
  if (opts.activeOnly) qb = qb.where('is_active', '=', 1)
  return qb.orderBy('full_name').orderBy('id').limit(2000).execute()
}
export type UserOption = Awaited<ReturnType<typeof userOptions>>[number]

// A role change ends the user's sessions in the same transaction, so the old permissions
// stop working at once rather than at the next sign-in.
export const updateUser = (
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  input: Omit<EditUserInput, 'version'>,
): Promise<SaveResult<UserRow>> =>
  updateVersioned(
    db,
    actor,
    { table: 'users', entity: 'user', id, version },
    (before) => ({
      ...input,
      search: userSearch({ login: before.login, full_name: input.full_name, email: input.email }),
    }),
    async (trx, before, row) => {
      if (before.role === row.role) return
      await invalidateUserSessions(trx, id)
      return { action: 'user.role' }
    },
  )

// Deactivation also ends every session, so a signed-in browser loses access on its next request.
// Returns false when the user already was in that state (nothing written).
export async function setUserActive(db: Db, actor: Actor, id: number, active: boolean) {
  return db.transaction().execute(async (trx) => {
    const is_active = active ? 1 : 0
    const r = await trx
      .updateTable('users')
      .set((eb) => ({
        is_active,
        version: eb('version', '+', 1),
        updated_at: nowIso(),
        updated_by: actor.userId,
      }))
      .where('id', '=', id)
      .where('is_active', '!=', is_active)
      .executeTakeFirst()
    if (r.numUpdatedRows === 0n) return false
    if (!active) await invalidateUserSessions(trx, id)
    await audit(trx, actor, {
      action: active ? 'user.activate' : 'user.deactivate',
      entityType: 'user',
      entityId: id,
      before: { is_active: 1 - is_active },
      after: { is_active },
    })
    return true
  })
}
