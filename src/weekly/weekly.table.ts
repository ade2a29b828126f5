import type { Generated, Selectable } from 'kysely'

// One issued weekly report: a snapshot, inserted once and never updated.
export interface WeeklyReportsTable {
  id: Generated<number>
  week_start: string // YYYY-MM-DD, a Monday
  data: string // JSON text of WeekRow[] (weekly.queries.ts), in the materials' order
  plan_m2: number // totals of the rows, for the history list
  plan_full_m2: number
  fact_m2: number
  created_at: string
  created_by: number | null
}
export type WeeklyReport = Selectable<WeeklyReportsTable>
