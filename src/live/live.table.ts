import type { Generated, Selectable } from 'kysely'

export interface EditLocksTable {
  entity_type: string
  entity_id: string
  token: string
  user_id: number
  acquired_at: string
  heartbeat_at: string
}
export type EditLock = Selectable<EditLocksTable>

export interface LivePresenceTable {
  id: Generated<number>
  stream: string
  client_id: string
  user_id: number
  process_id: string
  seen_at: string
}
