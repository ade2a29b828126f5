import type { Generated, Selectable } from 'kysely'

export interface SessionsTable {
  id: string
  user_id: number
  secret_hash: string
  created_at: string
  expires_at: string
  last_seen_at: string
  ip: string | null
  user_agent: string | null
}
export type SessionRow = Selectable<SessionsTable>

export interface LoginFailuresTable {
  id: Generated<number>
  key: string
  at: string
}

export interface RolePermissionsTable {
  role: string
  permission: string
  granted: number
}

export interface SettingsTable {
  key: string
  value: string
}
