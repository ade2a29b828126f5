import { sql } from 'kysely'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { monthPlan, type PlanLine } from '../dashboard/month-plan.ts'
import { monthDays, type GprQuery } from './gpr.queries.ts'
import { volumeHasNoPlanLine } from './volume-plan.ts'

export interface GprMonthChart {
  month: string // YYYY-MM
  days: string[]
  dailyPlan: number[] // the plan of every filtered project, spread over the month's days
  dailyFact: number[] // the work log of every filtered project, per day
  undated: number // plan rows without dates: they cannot be placed in the month
}

// Plan against fact over the ГПР's month, for every project its filters select (all pages of
// the grid, not only the one shown). Two queries whatever the number of projects: the plan
// rows (the ГПР's own, or else the project's planned volume of the material, as gprGrid reads
// them) and the work log summed per day.
export async function gprMonthChart(
  db: Db,
  user: CurrentUser,
  q: Omit<GprQuery, 'after'>,
): Promise<GprMonthChart> {
  const days = monthDays(q.month)
  const [first, last] = [days[0], days[days.length - 1]]
  const projects = () => {
    let qb = db
      .selectFrom('projects')
      .where(visibleProjects(user))
      .where('projects.deleted_at', 'is', null)
      .where(sqlWhen(can(user, 'worklog.read')))
    if (q.customer) qb = qb.where('projects.customer_id', '=', q.customer)
    if (q.project) qb = qb.where('projects.id', '=', q.project)
    if (q.status) qb = qb.where('projects.status', '=', q.status)
    return qb
  }
  const start = sql<string | null>`coalesce(sp.start_date, projects.start_date)`
  const end = sql<string | null>`coalesce(sp.end_date, projects.end_date)`
  const [plans, facts] = await Promise.all([
    projects()
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
      .execute(),
    projects()
      .innerJoin('worklog_entries as w', 'w.project_id', 'projects.id')
      .select(['w.work_date', (eb) => eb.fn.sum<number>('w.area_m2').as('m2')])
      .where('w.deleted_at', 'is', null)
      .where('w.work_date', '>=', first)
      .where('w.work_date', '<=', last)
      .groupBy('w.work_date')
      .execute(),
  ])
  const lines: PlanLine[] = plans.map((r) => ({ ...r, plan_m2: Number(r.plan_m2) }))
  const plan = monthPlan(lines, days)
  const at = new Map(days.map((d, i) => [d, i]))
  const dailyFact = days.map(() => 0)
  for (const f of facts) dailyFact[at.get(String(f.work_date).slice(0, 10))!] += Number(f.m2 ?? 0)
  return { month: q.month, days, dailyPlan: plan.daily, dailyFact, undated: plan.undated }
}
