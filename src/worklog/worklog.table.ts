import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export interface WorklogEntriesTable extends BusinessColumns {
  id: Generated<number>
  project_id: number
  work_date: string
  section: string | null
  material_code: string
  crew_id: number | null
  marking_type_id: number
  width_m: number | null
  lines: number
  fill_ratio: number
  piece_area_m2: number | null
  metres: number | null
  pieces: number | null
  area_m2: number
  notes: string | null
  source: 'log' | 'grid' | 'import'
  legacy_key: string | null
  batch_id: number | null // the warehouse batch the material came from
}
export type WorklogEntry = Selectable<WorklogEntriesTable>
