import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { monthPlan } from '../dashboard/month-plan.ts'
import { monthPlanLines } from './month-plan-lines.ts'
import { monthDays, type GprQuery } from './gpr.queries.ts'

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
  const [lines, facts] = await Promise.all([
    monthPlanLines(projects, first, last),
    projects()
      .innerJoin('worklog_entries as w', 'w.project_id', 'projects.id')
      .select(['w.work_date', (eb) => eb.fn.sum<number>('w.area_m2').as('m2')])
      .where('w.deleted_at', 'is', null)
      .where('w.work_date', '>=', first)
      .where('w.work_date', '<=', last)
      .groupBy('w.work_date')
      .execute(),
  ])
  const plan = monthPlan(lines, days)
  const at = new Map(days.map((d, i) => [d, i]))
  const dailyFact = days.map(() => 0)
  for (const f of facts) dailyFact[at.get(String(f.work_date).slice(0, 10))!] += Number(f.m2 ?? 0)
  return { month: q.month, days, dailyPlan: plan.daily, dailyFact, undated: plan.undated }
}
