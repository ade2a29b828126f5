import type { Generated } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export interface SchedulePlansTable extends BusinessColumns {
  id: Generated<number>
  project_id: number
  material_code: string
  plan_m2: number
  start_date: string | null
  end_date: string | null
}
