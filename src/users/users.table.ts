import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'
import type { Role } from '../auth/roles.ts'

export interface UsersTable extends BusinessColumns {
  id: Generated<number>
  login: string
  full_name: string
  email: string | null
  phone: string | null
  company: string | null
  department: string | null
  position: string | null
  role: Role
  is_active: number
  password_hash: string
  must_change_password: Generated<number>
  muted_kinds: Generated<string> // JSON array of notification kind prefixes turned off
  search: string
}
export type UserRow = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>

export interface GroupsTable extends BusinessColumns {
  id: Generated<number>
  name: string
}
export interface GroupMembersTable {
  group_id: number
  user_id: number
}
