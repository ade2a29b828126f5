import { sql } from 'kysely'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { monthDays } from '../gpr/gpr.queries.ts'
import { monthPlan, type PlanLine } from './month-plan.ts'
import { volumeHasNoPlanLine } from '../gpr/volume-plan.ts'

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
// (the cumulative line). Four queries, whatever the number of projects.
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
  const inMonth = (start: ReturnType<typeof sql>, end: ReturnType<typeof sql>) =>
    sql<boolean>`(${start} <= ${last} and ${end} >= ${first})`
  const [active, plans, volumes, facts] = await Promise.all([
    visible()
      .select(['projects.id', 'projects.code', 'projects.short_name'])
      .where('projects.status', '=', 'active')
      .execute(),
    // The ГПР's plan row of a project × material, its dates or else the project's …
    visible()
      .innerJoin('schedule_plans as sp', 'sp.project_id', 'projects.id')
      .select([
        'sp.project_id',
        'sp.plan_m2',
        sql<string | null>`coalesce(sp.start_date, projects.start_date)`.as('start_date'),
        sql<string | null>`coalesce(sp.end_date, projects.end_date)`.as('end_date'),
      ])
      .where('sp.deleted_at', 'is', null)
      .where('sp.plan_m2', '>', 0)
      .where(
        inMonth(
          sql`coalesce(sp.start_date, projects.start_date)`,
          sql`coalesce(sp.end_date, projects.end_date)`,
        ),
      )
      .execute(),
    // … or else the project's planned volume of the material (as gprGrid reads them).
    visible()
      .innerJoin('project_volumes as v', 'v.project_id', 'projects.id')
      .select(['v.project_id', 'v.plan_m2', 'projects.start_date', 'projects.end_date'])
      .where('v.plan_m2', '>', 0)
      .where(inMonth(sql.ref('projects.start_date'), sql.ref('projects.end_date')))
      .where(volumeHasNoPlanLine)
      .execute(),
    visible()
      .innerJoin('worklog_entries as w', 'w.project_id', 'projects.id')
      .select(['w.project_id', 'w.work_date', (eb) => eb.fn.sum<number>('w.area_m2').as('m2')])
      .where('w.deleted_at', 'is', null)
      .where('w.work_date', '>=', first)
      .where('w.work_date', '<=', last)
      .groupBy(['w.project_id', 'w.work_date'])
      .execute(),
  ])
  const lines: PlanLine[] = [...plans, ...volumes].map((r) => ({
    ...r,
    plan_m2: Number(r.plan_m2),
  }))
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
