import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { hashPassword } from '../auth/passwords.ts'
import type { Role } from '../auth/roles.ts'
import { invalidateUserSessions } from '../auth/sessions.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
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
