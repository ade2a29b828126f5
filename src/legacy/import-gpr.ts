import { roundArea } from '../reference/area.ts'
import { isIsoDate } from '../weekly/week.ts'
import { importMarkingType, workMaterial } from './made-once.ts'
import type { Run, Tally } from './run.ts'
import { numberOf, text, type LegacyFile } from './source.ts'
import { moscowLocalDate, moscowLocalToUtc } from './time.ts'

const DAILY = 'gpr_records.daily_data'

interface GprRecord {
  id: number
  customer_id: number
  object_id: number
  work_type: string
  volume_plan: number | null
  volume_fact: number | null
  daily_data: string | null
  created_at: string | null
  updated_at: string | null
}

// daily_data: a JSON string {"YYYY-MM-DD": m²}; NULL, '' and '{}' hold no days.
export function parseDaily(raw: unknown): { days: [string, unknown][]; problem: string | null } {
  const s = text(raw)
  if (!s) return { days: [], problem: null }
  let v: unknown
  try {
    v = JSON.parse(s)
  } catch {
    return { days: [], problem: 'daily_data — не JSON' }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    return { days: [], problem: 'daily_data — не словарь «дата → м²»' }
  return { days: Object.entries(v).sort(([a], [b]) => a.localeCompare(b)), problem: null }
}

// gpr_records → the plan of the project × material (project_volumes and schedule_plans, the
// same figure; the old rows have no planned dates) and its days → work-log lines.
export async function importGpr(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'gpr_records')
  const d = run.tally('main', DAILY, true)
  for (const g of main.rows<GprRecord>('gpr_records')) {
    t.read()
    const project = run.key('main', 'project_objects', g.object_id)
    const slug = text(g.work_type)
    const { days, problem } = parseDaily(g.daily_data)
    if (!project || !slug) {
      const why = !project ? `объект №${g.object_id} не найден` : 'не указан вид работ'
      t.skip(g.id, `Строка ГПР не импортирована: ${why}`)
      for (const [day] of days) {
        d.read()
        d.skip(`${g.id}:${day}`, `Строка ГПР №${g.id} не импортирована`)
      }
      continue
    }
    if (run.key('main', 'gpr_records', g.id)) t.merged()
    else {
      const planId = await addPlan(run, project.entity_id, slug, numberOf(g.volume_plan) ?? 0, g)
      await run.remember('main', 'gpr_records', g.id, 'schedule_plan', planId.id)
      if (planId.fresh) t.imported()
      else t.merged()
    }
    if (problem) {
      d.read()
      d.skip(g.id, problem)
    }
    await importDays(run, d, g, project.entity_id, slug, days)
  }
}

// The plan row of a project × material: made, or added to when this run made it for another
// legacy row; one that was here before the run is left as it is (merged).
async function addPlan(run: Run, projectId: number, code: string, plan: number, g: GprRecord) {
  await workMaterial(run, code)
  const mark = `plan:${projectId}:${code}`
  const existing = await run.trx
    .selectFrom('schedule_plans')
    .select(['id', 'plan_m2'])
    .where('project_id', '=', projectId)
    .where('material_code', '=', code)
    .executeTakeFirst()
  if (existing && !run.made.has(mark)) return { id: existing.id, fresh: false }
  if (existing) {
    await run.trx
      .updateTable('schedule_plans')
      .set({ plan_m2: existing.plan_m2 + plan })
      .where('id', '=', existing.id)
      .execute()
    if (run.made.has(`volume:${projectId}:${code}`))
      await run.trx
        .updateTable('project_volumes')
        .set((eb) => ({ plan_m2: eb('plan_m2', '+', plan) }))
        .where('project_id', '=', projectId)
        .where('material', '=', code)
        .execute()
    await run.audit('schedule.update', 'project', projectId, {
      material_code: code,
      added_m2: plan,
    })
    return { id: existing.id, fresh: true }
  }
  run.made.add(mark)
  const at = moscowLocalToUtc(g.created_at)
  const row = await run.trx
    .insertInto('schedule_plans')
    .values({
      project_id: projectId,
      material_code: code,
      plan_m2: plan,
      start_date: null,
      end_date: null,
      ...run.stamp(at, null, moscowLocalToUtc(g.updated_at)),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const volume = await run.trx
    .selectFrom('project_volumes')
    .select('plan_m2')
    .where('project_id', '=', projectId)
    .where('material', '=', code)
    .executeTakeFirst()
  // A planned volume the project already had here stays as it was.
  if (!volume) {
    await run.trx
      .insertInto('project_volumes')
      .values({ project_id: projectId, material: code, plan_m2: plan })
      .execute()
    run.made.add(`volume:${projectId}:${code}`)
  }
  await run.audit('schedule.update', 'project', projectId, { material_code: code, plan_m2: plan })
  return { id: row.id, fresh: true }
}

async function importDays(
  run: Run,
  d: Tally,
  g: GprRecord,
  projectId: number,
  code: string,
  days: [string, unknown][],
) {
  const lines: { key: string; date: string; m2: number; notes: string }[] = []
  let sum = 0
  for (const [day, value] of days) {
    const key = `${g.id}:${day}`
    const m2 = numberOf(value)
    d.read()
    if (run.key('main', DAILY, key)) d.merged()
    else if (!isIsoDate(day)) d.skip(key, `Неверная дата «${day}»`)
    else if (m2 == null || m2 < 0) d.skip(key, `Неверный объём «${String(value)}»`)
    else if (m2 === 0) d.skip(key, 'Нулевой объём за день')
    else lines.push({ key, date: day, m2, notes: 'Из ГПР прежней программы' })
    if (isIsoDate(day) && m2 != null && m2 > 0) sum += m2
  }
  // The old row's fact could be typed without days: the part no day accounts for is one line
  // on the day the row was last changed, so the project's fact stays what it was.
  const rest = roundArea((numberOf(g.volume_fact) ?? 0) - sum)
  if (rest > 0) {
    const key = `${g.id}:rest`
    d.read()
    if (run.key('main', DAILY, key)) d.merged()
    else
      lines.push({
        key,
        date: moscowLocalDate(g.updated_at ?? g.created_at) ?? run.today,
        m2: rest,
        notes: 'Факт из ГПР прежней программы без разбивки по дням',
      })
  }
  if (!lines.length) return
  const typeId = await importMarkingType(run)
  await workMaterial(run, code)
  const rows = []
  for (const l of lines) {
    const row = await run.trx
      .insertInto('worklog_entries')
      .values({
        project_id: projectId,
        work_date: l.date,
        section: null,
        material_code: code,
        crew_id: null,
        marking_type_id: typeId,
        width_m: null,
        lines: 1,
        fill_ratio: 1,
        piece_area_m2: 1,
        metres: null,
        pieces: null,
        area_m2: roundArea(l.m2),
        notes: l.notes,
        source: 'import',
        legacy_key: `main:gpr_records:${l.key}`,
        batch_id: null,
        ...run.stamp(moscowLocalToUtc(g.updated_at ?? g.created_at)),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.remember('main', DAILY, l.key, 'worklog_entry', row.id)
    d.imported()
    rows.push(row)
  }
  await run.audit('worklog.create', 'project', projectId, rows)
}
