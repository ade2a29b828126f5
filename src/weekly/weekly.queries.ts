import { sql } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { keysetPage } from '../lib/keyset.ts'
import { mondayOf, round2, weekEndOf, weekShare } from './week.ts'
import { volumeHasNoPlanLine } from '../gpr/volume-plan.ts'

// One material's line of the weekly report.
export interface WeekRow {
  material_code: string
  material_name: string
  plan_m2: number // the week's share of each plan row (spread over its working days)
  plan_full_m2: number // the whole plan of the rows with work planned in the week (the old app's «план»)
  fact_m2: number // the work log of the week
}

export interface WeekTotals {
  plan_m2: number
  plan_full_m2: number
  fact_m2: number
}

export interface Week {
  weekStart: string
  weekEnd: string
  rows: WeekRow[]
  totals: WeekTotals
  undated: number // plan rows without planned dates: they cannot be placed in a week
}

export const totalsOf = (rows: WeekRow[]): WeekTotals => ({
  plan_m2: round2(rows.reduce((s, r) => s + r.plan_m2, 0)),
  plan_full_m2: round2(rows.reduce((s, r) => s + r.plan_full_m2, 0)),
  fact_m2: round2(rows.reduce((s, r) => s + r.fact_m2, 0)),
})

// A plan row of the ГПР as gprGrid reads it: the schedule_plans row of a project × material,
// or else the project's planned volume; its dates are the plan row's, or else the project's.
interface PlanLine {
  material_code: string
  plan_m2: number
  start_date: string | null
  end_date: string | null
}

// Plan rows that may touch the week (or have no dates), over every project not deleted: the
// director's report covers the whole company, whatever a project's status — a completed
// project's past weeks still had their plan. Filtering by dates is done by the database.
async function planLines(db: Db, monday: string, sunday: string): Promise<PlanLine[]> {
  const maybeInWeek = (start: ReturnType<typeof sql>, end: ReturnType<typeof sql>) =>
    sql<boolean>`((${start} <= ${sunday} and ${end} >= ${monday}) or ${start} is null or ${end} is null)`
  const [plans, volumes] = await Promise.all([
    db
      .selectFrom('schedule_plans as sp')
      .innerJoin('projects as p', 'p.id', 'sp.project_id')
      .select([
        'sp.material_code',
        'sp.plan_m2',
        sql<string | null>`coalesce(sp.start_date, p.start_date)`.as('start_date'),
        sql<string | null>`coalesce(sp.end_date, p.end_date)`.as('end_date'),
      ])
      .where('sp.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('sp.plan_m2', '>', 0)
      .where(
        maybeInWeek(
          sql`coalesce(sp.start_date, p.start_date)`,
          sql`coalesce(sp.end_date, p.end_date)`,
        ),
      )
      .execute(),
    db
      .selectFrom('project_volumes as v')
      .innerJoin('projects as p', 'p.id', 'v.project_id')
      .select(['v.material as material_code', 'v.plan_m2', 'p.start_date', 'p.end_date'])
      .where('p.deleted_at', 'is', null)
      .where('v.plan_m2', '>', 0)
      .where(maybeInWeek(sql.ref('p.start_date'), sql.ref('p.end_date')))
      .where(volumeHasNoPlanLine)
      .execute(),
  ])
  return [...plans, ...volumes].map((r) => ({ ...r, plan_m2: Number(r.plan_m2) }))
}

// The weekly report of the week starting on (the Monday of) weekStart, computed now.
export async function computeWeek(db: Db, weekStart: string): Promise<Week> {
  const monday = mondayOf(weekStart)
  const sunday = weekEndOf(monday)
  const [lines, facts, materials] = await Promise.all([
    planLines(db, monday, sunday),
    db
      .selectFrom('worklog_entries as w')
      .innerJoin('projects as p', 'p.id', 'w.project_id')
      .select(['w.material_code', (eb) => eb.fn.sum<number>('w.area_m2').as('m2')])
      .where('w.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('w.work_date', '>=', monday)
      .where('w.work_date', '<=', sunday)
      .groupBy('w.material_code')
      .execute(),
    db
      .selectFrom('materials')
      .select(['code', 'short_name', 'deleted_at'])
      .where('is_work', '=', 1)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  ])
  const sums = new Map<string, { plan: number; full: number; fact: number }>()
  const sum = (code: string) => {
    let s = sums.get(code)
    if (!s) sums.set(code, (s = { plan: 0, full: 0, fact: 0 }))
    return s
  }
  let undated = 0
  for (const l of lines) {
    const share = weekShare(l.start_date, l.end_date, monday)
    if (!share) {
      undated++
      continue
    }
    // "Work in the week" = at least one of the row's planned (working) days falls in it.
    if (!share.days) continue
    const s = sum(l.material_code)
    s.plan += (l.plan_m2 * share.days) / share.total
    s.full += l.plan_m2
  }
  for (const f of facts) sum(f.material_code).fact += Number(f.m2 ?? 0)
  // Every current material in its order, zeros included; a removed material only if it has
  // numbers this week; a code missing from the reference last, under its code.
  const codes = [
    ...materials.filter((m) => !m.deleted_at || sums.has(m.code)).map((m) => m.code),
    ...[...sums.keys()].filter((c) => !materials.some((m) => m.code === c)).sort(),
  ]
  const names = new Map(materials.map((m) => [m.code, m.short_name]))
  const rows = codes.map((code): WeekRow => {
    const s = sums.get(code)
    return {
      material_code: code,
      material_name: names.get(code) ?? code,
      plan_m2: round2(s?.plan ?? 0),
      plan_full_m2: round2(s?.full ?? 0),
      fact_m2: round2(s?.fact ?? 0),
    }
  })
  return { weekStart: monday, weekEnd: sunday, rows, totals: totalsOf(rows), undated }
}

// Issues the report: the week as it is now, stored once with who and when.
export async function issueWeeklyReport(db: Db, actor: Actor, weekStart: string) {
  return db.transaction().execute(async (trx) => {
    const week = await computeWeek(trx, weekStart)
    const row = await trx
      .insertInto('weekly_reports')
      .values({
        week_start: week.weekStart,
        data: JSON.stringify(week.rows),
        ...week.totals,
        created_at: nowIso(),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'weekly.issue',
      entityType: 'weekly_report',
      entityId: row.id,
      after: { week_start: week.weekStart, rows: week.rows, totals: week.totals },
    })
    return { id: row.id, week }
  })
}

export interface IssuedReport {
  id: number
  week_start: string
  week_end: string
  rows: WeekRow[]
  totals: WeekTotals
  created_at: string
  created_by: number | null
  creator_name: string | null
}

const reports = (db: Db) =>
  db
    .selectFrom('weekly_reports as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.week_start',
      'r.plan_m2',
      'r.plan_full_m2',
      'r.fact_m2',
      'r.created_at',
      'r.created_by',
      'u.full_name as creator_name',
    ])

// The history, newest first.
export async function listReports(db: Db, after?: string) {
  return keysetPage(
    reports(db),
    { column: 'r.id', dir: 'desc', idColumn: 'r.id' },
    after,
    (r) => [r.id, r.id],
    25,
  )
}

export async function findReport(db: Db, id: number): Promise<IssuedReport | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const r = await reports(db).select('r.data').where('r.id', '=', id).executeTakeFirst()
  if (!r) return null
  const { data, plan_m2, plan_full_m2, fact_m2, ...rest } = r
  return {
    ...rest,
    week_end: weekEndOf(r.week_start),
    rows: JSON.parse(data) as WeekRow[],
    totals: { plan_m2, plan_full_m2, fact_m2 },
  }
}
