import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { monthDays } from '../gpr/gpr.queries.ts'
import { monthPlan } from './month-plan.ts'
import { monthPlanLines } from '../gpr/month-plan-lines.ts'

export const TOP_PROJECTS = 20

export interface ProjectProgress {
  id: number
  code: string
  name: string
  plan_m2: number // the month's share of the project's plan
  fact_m2: number // the work log of the month
}

export interface Progress {
  month: string // YYYY-MM
  days: string[]
  today: string
  projects: ProjectProgress[] // active projects with a plan or a fact this month, the largest plan first, at most 20
  more: number // such projects beyond those
  idle: { id: number; code: string }[] // active projects with neither this month
  dailyPlan: number[] // every visible project, per day of the month
  dailyFact: number[]
  undated: number
}

// Plan against fact for the month: active projects (bars) and every visible project per day
// (the cumulative line). Three queries, whatever the number of projects.
export async function loadProgress(db: Db, user: CurrentUser, today: string): Promise<Progress> {
  const month = today.slice(0, 7)
  const days = monthDays(month)
  const [first, last] = [days[0], days[days.length - 1]]
  const visible = () =>
    db
      .selectFrom('projects')
      .where(visibleProjects(user))
      .where('projects.deleted_at', 'is', null)
      .where(sqlWhen(can(user, 'worklog.read')))
  const [active, lines, facts] = await Promise.all([
    visible()
      .select(['projects.id', 'projects.code', 'projects.short_name'])
      .where('projects.status', '=', 'active')
      .execute(),
    monthPlanLines(visible, first, last),
    visible()
      .innerJoin('worklog_entries as w', 'w.project_id', 'projects.id')
      .select(['w.project_id', 'w.work_date', (eb) => eb.fn.sum<number>('w.area_m2').as('m2')])
      .where('w.deleted_at', 'is', null)
      .where('w.work_date', '>=', first)
      .where('w.work_date', '<=', last)
      .groupBy(['w.project_id', 'w.work_date'])
      .execute(),
  ])
  const plan = monthPlan(lines, days)
  const dayIndex = new Map(days.map((d, i) => [d, i]))
  const dailyFact = days.map(() => 0)
  const factOf = new Map<number, number>()
  for (const f of facts) {
    const m2 = Number(f.m2 ?? 0)
    dailyFact[dayIndex.get(f.work_date)!] += m2
    factOf.set(f.project_id, (factOf.get(f.project_id) ?? 0) + m2)
  }
  const projects = active
    .map((p) => ({
      id: p.id,
      code: p.code,
      name: p.short_name,
      plan_m2: round2(plan.byProject.get(p.id) ?? 0),
      fact_m2: round2(factOf.get(p.id) ?? 0),
    }))
    .sort((a, b) => b.plan_m2 - a.plan_m2 || b.fact_m2 - a.fact_m2 || a.code.localeCompare(b.code))
  const charted = projects.filter((p) => p.plan_m2 > 0 || p.fact_m2 > 0)
  return {
    month,
    days,
    today,
    projects: charted.slice(0, TOP_PROJECTS),
    more: Math.max(0, charted.length - TOP_PROJECTS),
    idle: projects
      .filter((p) => !charted.includes(p))
      .map((p) => ({ id: p.id, code: p.code }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    dailyPlan: plan.daily,
    dailyFact,
    undated: plan.undated,
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100
