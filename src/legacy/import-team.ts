import { round2, mondayOf } from '../weekly/week.ts'
import { totalsOf, type WeekRow } from '../weekly/weekly.queries.ts'
import type { Run } from './run.ts'
import { norm, numberOf, text, type LegacyFile, type Row } from './source.ts'
import { moscowLocalDate, moscowLocalToUtc } from './time.ts'

// The report's rows: [{material, plan, fact}] → our rows. The old «план» was the whole plan of
// the objects worked that week — our plan_full_m2 — and its percent was fact / that plan, so
// plan_m2 (the week's share, which the old app did not compute) takes the same figure.
export async function weeklyRows(run: Run, raw: unknown): Promise<WeekRow[] | string> {
  let data: unknown
  try {
    data = JSON.parse(text(raw) ?? '')
  } catch {
    return 'report_data — не JSON'
  }
  if (!Array.isArray(data)) return 'report_data — не список строк'
  const materials = await run.memo('materials-all', () =>
    run.trx.selectFrom('materials').select(['code', 'name', 'short_name']).execute(),
  )
  const rows: WeekRow[] = []
  for (const item of data) {
    if (!item || typeof item !== 'object') return 'report_data — строка не словарь'
    const r = item as Record<string, unknown>
    const label = text(r.material) ?? '—'
    const m = materials.find((x) =>
      [x.code, x.name, x.short_name].some((v) => norm(v) === norm(label)),
    )
    const plan = round2(numberOf(r.plan) ?? 0)
    rows.push({
      material_code: m?.code ?? label,
      material_name: m?.short_name ?? label,
      plan_m2: plan,
      plan_full_m2: plan,
      fact_m2: round2(numberOf(r.fact) ?? 0),
    })
  }
  return rows
}

// weekly_reports → issued weekly reports. created_by is a name: the user it matches, or
// nobody (the name stays in the audit entry: the report has no text column for it).
export async function importWeekly(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'weekly_reports')
  for (const w of main.rows<Row>('weekly_reports')) {
    if (run.already(t, 'main', 'weekly_reports', w.id)) continue
    const day = moscowLocalDate(w.week_start_date)
    const rows = await weeklyRows(run, w.report_data)
    if (!day || typeof rows === 'string') {
      t.skip(String(w.id), day ? (rows as string) : 'Неверная дата начала недели')
      continue
    }
    const author = run.people.match(w.created_by)
    const row = await run.trx
      .insertInto('weekly_reports')
      .values({
        week_start: mondayOf(day),
        data: JSON.stringify(rows),
        ...totalsOf(rows),
        created_at: moscowLocalToUtc(w.created_at) ?? run.now,
        created_by: author,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.remember('main', 'weekly_reports', w.id, 'weekly_report', row.id)
    await run.audit('weekly.issue', 'weekly_report', row.id, {
      ...row,
      legacy_created_by: text(w.created_by),
    })
    t.imported()
  }
}

// work_sessions → work sessions of the imported users. One without an end stays open (the
// hourly rule closes a forgotten one), unless the user already has an open one: the database
// allows one open shift per user.
export async function importSessions(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'work_sessions')
  const open = new Set(
    (
      await run.trx
        .selectFrom('work_sessions')
        .select('user_id')
        .where('ended_at', 'is', null)
        .execute()
    ).map((r) => r.user_id),
  )
  for (const s of main.rows<Row>('work_sessions')) {
    if (run.already(t, 'main', 'work_sessions', s.id)) continue
    const user = run.key('main', 'users', s.user_id)?.entity_id
    const started = moscowLocalToUtc(s.start_time)
    const ended = moscowLocalToUtc(s.end_time)
    if (!user) t.skip(String(s.id), `Пользователь №${s.user_id} не импортирован`)
    else if (!started) t.skip(String(s.id), 'Неверное время начала')
    else if (ended && ended < started) t.skip(String(s.id), 'Окончание раньше начала')
    else if (!ended && open.has(user))
      t.skip(String(s.id), 'Смена без окончания, а у сотрудника уже есть открытая смена')
    if (!user || !started || (ended && ended < started) || (!ended && open.has(user))) continue
    if (!ended) open.add(user)
    const row = await run.trx
      .insertInto('work_sessions')
      .values({
        user_id: user,
        started_at: started,
        ended_at: ended,
        note: 'Из прежней программы',
        correction_reason: null,
        corrected_by: null,
        ...run.stamp(
          moscowLocalToUtc(s.created_at) ?? started,
          null,
          moscowLocalToUtc(s.updated_at),
        ),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.remember('main', 'work_sessions', s.id, 'work_session', row.id)
    await run.audit('shift.import', 'work_session', row.id, row)
    t.imported()
  }
}

// Old session tokens mean nothing here: a user signs in again and gets a new session.
export function skipUserSessions(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'user_sessions')
  for (const s of main.rows<Row>('user_sessions')) {
    t.read()
    t.skip(String(s.id), 'Сеансы не переносятся: при входе создаётся новый')
  }
}
