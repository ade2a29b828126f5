import type { Generated, Selectable } from 'kysely'

export interface AuditLogTable {
  id: Generated<number>
  at: string
  user_id: number | null
  ip: string | null
  request_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  before: string | null
  after: string | null
}
export type AuditRow = Selectable<AuditLogTable>
