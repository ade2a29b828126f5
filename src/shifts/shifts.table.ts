import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

// A work session (рабочая смена): open while ended_at is null.
export interface WorkSessionsTable extends BusinessColumns {
  id: Generated<number>
  user_id: number
  started_at: string
  ended_at: string | null
  auto_closed: Generated<number>
  note: string | null
  correction_reason: string | null // set by a correction («исправлена»), with who made it
  corrected_by: number | null
}
export type WorkSession = Selectable<WorkSessionsTable>
