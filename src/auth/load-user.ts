import type { Db } from '../db/connect.ts'
import type { CurrentUser } from './current-user.ts'
import { permissionsOf } from './permissions.ts'
import { unreadSubquery } from '../notifications/notifications.queries.ts'
import { openShiftSubquery } from '../shifts/shifts.queries.ts'

export async function loadCurrentUser(db: Db, userId: number): Promise<CurrentUser | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'login', 'full_name', 'role', 'is_active', 'must_change_password'])
    .select((eb) => unreadSubquery(eb).as('unread'))
    .select((eb) => openShiftSubquery(eb).as('open_shift_started_at'))
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row || !row.is_active) return null
  return {
    id: row.id,
    login: row.login,
    full_name: row.full_name,
    role: row.role,
    permissions: await permissionsOf(db, row.role),
    must_change_password: !!row.must_change_password,
    unread: Number(row.unread ?? 0),
    open_shift_started_at: row.open_shift_started_at ?? null,
  }
}
