import type { Generated, Selectable } from 'kysely'

// What a legacy row became: its source file ('main' = strod_service_tech.db, 'pto' =
// pto_docs.db), table and key, and the record here.
export interface LegacyKeysTable {
  source: 'main' | 'pto'
  legacy_table: string
  legacy_id: string
  entity_type: string
  entity_id: number
  imported_at: string
}

export interface LegacyImportsTable {
  id: Generated<number>
  started_at: string
  finished_at: string | null
  dry_run: Generated<number>
  status: 'running' | 'done' | 'failed'
  files: string // JSON
  report: string | null // JSON: ImportReport
  error: string | null
  job_id: number | null
  created_by: number | null
}
export type LegacyImport = Selectable<LegacyImportsTable>
