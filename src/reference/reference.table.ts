import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export type MarkingKind = 'line' | 'symbol'

// A horizontal marking by ГОСТ Р 51256-2018: a line (m² from length) or a symbol (from pieces).
export interface MarkingTypesTable extends BusinessColumns {
  id: Generated<number>
  code: string
  name: string
  kind: MarkingKind
  width_m: number | null
  dash_m: number | null
  gap_m: number | null
  fill_ratio: number | null
  lines: Generated<number>
  piece_area_m2: number | null
  colour: string
  source: string | null
  confirmed: Generated<number>
}
export type MarkingType = Selectable<MarkingTypesTable>

// A material of execution (вид работ); code = the desktop app's slug used in project_volumes.
export interface MaterialsTable extends BusinessColumns {
  id: Generated<number>
  code: string
  name: string
  short_name: string
  sort_order: Generated<number>
  is_temporary: Generated<number>
  unit: Generated<MaterialUnit>
  norm_per_m2: number | null // kg (or l) of the material per m² of marking
  threshold_pct: Generated<number> // low-stock alert below this share of a batch's receipt
  stocked: Generated<number> // kept in the warehouse (batches, movements)
  is_work: Generated<number> // a kind of work: planned in the ГПР and entered in the log
}
export type MaterialUnit = 'kg' | 't' | 'l' | 'pcs'
export type Material = Selectable<MaterialsTable>

export interface CrewsTable extends BusinessColumns {
  id: Generated<number>
  name: string
  foreman_id: number | null
  notes: string | null
}
export type Crew = Selectable<CrewsTable>

export interface CrewMembersTable {
  crew_id: number
  user_id: number
}

// Joined into the one Database interface (src/db/database.ts).
export interface ReferenceTables {
  marking_types: MarkingTypesTable
  materials: MaterialsTable
  crews: CrewsTable
  crew_members: CrewMembersTable
}
