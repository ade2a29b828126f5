import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export interface ProjectsTable extends BusinessColumns {
  id: Generated<number>
  contractor: string
  customer_id: number | null
  name: string
  short_name: string
  code: string
  contract_number: string | null
  contract_date: string | null
  length_km: number | null
  asphalt_date: string | null
  start_date: string | null
  end_date: string | null
  status: string
  comments: string | null
  legacy_key: string | null
  search: string
}
export type Project = Selectable<ProjectsTable>

export interface ProjectVolumesTable {
  project_id: number
  material: string
  plan_m2: number
}

export interface ProjectMembersTable {
  id: Generated<number>
  project_id: number
  user_id: number | null
  group_id: number | null
  created_at: string
  created_by: number | null
}
