import { sql, type SqlBool } from 'kysely'

// A project's planned volume of a material (project_volumes, aliased `v`) is its plan only
// where the ГПР has no plan line of that material: a plan line, when there is one, replaces it.
// The ГПР, its chart, the dashboard and the weekly report all count the plan this way.
export const volumeHasNoPlanLine = sql<SqlBool>`not exists (
  select 1 from schedule_plans as sp
  where sp.project_id = v.project_id and sp.material_code = v.material and sp.deleted_at is null
)`
