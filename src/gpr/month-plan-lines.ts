import { sql, type SelectQueryBuilder } from 'kysely'
import type { PlanLine } from '../dashboard/month-plan.ts'
import type { Database } from '../db/database.ts'
import { volumeHasNoPlanLine } from './volume-plan.ts'

type Projects = SelectQueryBuilder<Database, 'projects', object>

// The plan rows that may fall in [first, last] for the projects a query selects, in one query:
// each ГПР plan line (its dates, or else the project's), and else the project's planned volume
// of the material (volumeHasNoPlanLine). Rows without dates come too: monthPlan counts them as
// undated. The ГПР's chart and the dashboard read the month's plan through this.
export async function monthPlanLines(
  projects: () => Projects,
  first: string,
  last: string,
): Promise<PlanLine[]> {
  const start = sql<string | null>`coalesce(sp.start_date, projects.start_date)`
  const end = sql<string | null>`coalesce(sp.end_date, projects.end_date)`
  const rows = await projects()
    .innerJoin('schedule_plans as sp', 'sp.project_id', 'projects.id')
    .select(['sp.project_id', 'sp.plan_m2', start.as('start_date'), end.as('end_date')])
    .where('sp.deleted_at', 'is', null)
    .where('sp.plan_m2', '>', 0)
    .where((eb) =>
      eb.or([
        eb(start, 'is', null),
        eb(end, 'is', null),
        eb.and([eb(start, '<=', last), eb(end, '>=', first)]),
      ]),
    )
    .unionAll(
      projects()
        .innerJoin('project_volumes as v', 'v.project_id', 'projects.id')
        .select([
          'v.project_id',
          'v.plan_m2',
          'projects.start_date as start_date',
          'projects.end_date as end_date',
        ])
        .where('v.plan_m2', '>', 0)
        .where((eb) =>
          eb.or([
            eb('projects.start_date', 'is', null),
            eb('projects.end_date', 'is', null),
            eb.and([eb('projects.start_date', '<=', last), eb('projects.end_date', '>=', first)]),
          ]),
        )
        .where(volumeHasNoPlanLine),
    )
    .execute()
  return rows.map((r) => ({ ...r, plan_m2: Number(r.plan_m2) }))
}
