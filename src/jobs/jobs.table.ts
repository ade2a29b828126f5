import type { Generated, Selectable } from 'kysely'

export type JobState = 'queued' | 'running' | 'done' | 'failed'

export interface JobsTable {
  id: Generated<number>
  kind: string
  payload: string // JSON text on both databases
  state: JobState
  progress: Generated<number>
  message: string | null
  attempts: Generated<number>
  max_attempts: Generated<number>
  run_after: string
  locked_by: string | null
  heartbeat_at: string | null
  result_file_id: number | null
  error: string | null
  created_at: string
  created_by: number | null
  finished_at: string | null
}
export type Job = Selectable<JobsTable>
