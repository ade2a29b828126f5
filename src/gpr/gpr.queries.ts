import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { keysetPage } from '../lib/keyset.ts'
import { workMaterials } from '../reference/lists.ts'

export interface GprQuery {
  month: string // YYYY-MM
  customer?: number
  project?: number
  status?: string
  after?: string
}

export interface GprRow {
  project_id: number
  project_code: string
  project_name: string
  material_code: string
  material_name: string
  plan_m2: number
  start_date: string | null
  end_date: string | null
  fact_m2: number // all entries up to the end of the month
  days: Record<string, number> // YYYY-MM-DD → m² of that day in the month
}

export const monthDays = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)
}

// The month grid: a page of projects (keyset), then their plans, facts and daily facts in three
// grouped queries — never a query per row.
export async function gprGrid(db: Db, user: CurrentUser, q: GprQuery) {
  const days = monthDays(q.month)
  const last = days[days.length - 1]
  let projects = db
    .selectFrom('projects')
    .select(['id', 'code', 'short_name', 'start_date', 'end_date'])
    .where(visibleProjects(user))
    .where('deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'worklog.read')))
  if (q.customer) projects = projects.where('customer_id', '=', q.customer)
  if (q.project) projects = projects.where('id', '=', q.project)
  if (q.status) projects = projects.where('status', '=', q.status)
  const page = await keysetPage(
    projects,
    { column: 'projects.code', dir: 'asc', idColumn: 'projects.id' },
    q.after,
    (r) => [r.code, r.id],
    20,
  )
  const ids = page.rows.map((p) => p.id)
  const allMaterials = await workMaterials(db)
  if (!ids.length) return { rows: [] as GprRow[], next: page.next, days, materials: allMaterials }
  const [volumes, plans, facts, daily, materials] = await Promise.all([
    db.selectFrom('project_volumes').selectAll().where('project_id', 'in', ids).execute(),
    db
      .selectFrom('schedule_plans')
      .selectAll()
      .where('project_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute(),
    db
      .selectFrom('worklog_entries')
      .select(['project_id', 'material_code', (eb) => eb.fn.sum<number>('area_m2').as('m2')])
      .where('project_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .where('work_date', '<=', last)
      .groupBy(['project_id', 'material_code'])
      .execute(),
    db
      .selectFrom('worklog_entries')
      .select([
        'project_id',
        'material_code',
        'work_date',
        (eb) => eb.fn.sum<number>('area_m2').as('m2'),
      ])
      .where('project_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .where('work_date', '>=', days[0])
      .where('work_date', '<=', last)
      .groupBy(['project_id', 'material_code', 'work_date'])
      .execute(),
    Promise.resolve(allMaterials),
  ])
  const matName = new Map(materials.map((m) => [m.code, m.short_name]))
  const matOrder = new Map(materials.map((m) => [m.code, m.sort_order]))
  const rows: GprRow[] = []
  for (const p of page.rows) {
    const keys = new Set<string>()
    for (const v of volumes) if (v.project_id === p.id) keys.add(v.material)
    for (const v of plans) if (v.project_id === p.id) keys.add(v.material_code)
    for (const f of facts) if (f.project_id === p.id) keys.add(f.material_code)
    for (const code of [...keys].sort(
      (a, b) => (matOrder.get(a) ?? 99) - (matOrder.get(b) ?? 99),
    )) {
      const plan = plans.find((x) => x.project_id === p.id && x.material_code === code)
      const vol = volumes.find((x) => x.project_id === p.id && x.material === code)
      const dayMap: Record<string, number> = {}
      for (const d of daily)
        if (d.project_id === p.id && d.material_code === code) dayMap[d.work_date] = Number(d.m2)
      rows.push({
        project_id: p.id,
        project_code: p.code,
        project_name: p.short_name,
        material_code: code,
        material_name: matName.get(code) ?? code,
        plan_m2: plan?.plan_m2 ?? vol?.plan_m2 ?? 0,
        start_date: plan?.start_date ?? p.start_date,
        end_date: plan?.end_date ?? p.end_date,
        fact_m2: Number(
          facts.find((f) => f.project_id === p.id && f.material_code === code)?.m2 ?? 0,
        ),
        days: dayMap,
      })
    }
  }
  return { rows, next: page.next, days, materials: allMaterials }
}

// The summary under the grid: every material (zeros too, as the old app showed all of them),
// over the rows shown.
export function summaryByMaterial(
  rows: GprRow[],
  materials: { code: string; short_name: string }[] = [],
) {
  const out = new Map<
    string,
    { material_name: string; plan_m2: number; fact_m2: number; month_m2: number }
  >()
  for (const m of materials)
    out.set(m.code, { material_name: m.short_name, plan_m2: 0, fact_m2: 0, month_m2: 0 })
  for (const r of rows) {
    const s = out.get(r.material_code) ?? {
      material_name: r.material_name,
      plan_m2: 0,
      fact_m2: 0,
      month_m2: 0,
    }
    s.plan_m2 += r.plan_m2
    s.fact_m2 += r.fact_m2
    s.month_m2 += Object.values(r.days).reduce((a, b) => a + b, 0)
    out.set(r.material_code, s)
  }
  return [...out.values()]
}
