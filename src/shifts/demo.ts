import { audit } from '../audit/audit.ts'
import type { Db } from '../db/connect.ts'
import { moscowToday } from '../documents/state.ts'
import type { WorkSessionsTable } from './shifts.table.ts'
import type { Insertable } from 'kysely'

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+03:00`).toISOString()
const daysAgo = (n: number) => moscowToday(new Date(Date.now() - n * 86400_000))
const plusHours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3600_000).toISOString()

// Two weeks of shifts of the foremen and site chiefs (Sundays off): one night shift across
// midnight, one forgotten shift closed by the rule, one corrected by the site chief.
export async function seedDemoShifts(db: Db, ids: Record<string, number>, maxHours = 14) {
  const people = ['foreman.volkov', 'foreman.lebedev', 'chief.petrov', 'chief.kuznetsov']
  const rows: Insertable<WorkSessionsTable>[] = []
  people.forEach((login, p) => {
    for (let n = 14; n >= 1; n--) {
      const day = daysAgo(n)
      if (new Date(`${day}T00:00:00Z`).getUTCDay() === 0) continue
      const jitter = (n * 7 + p * 13) % 45 // minutes, the same on every run
      const start = at(day, `07:${String(15 + (jitter % 30)).padStart(2, '0')}`)
      const end = at(day, `${17 + (jitter % 3)}:${String(jitter).padStart(2, '0')}`)
      rows.push(shift(ids[login], start, end))
    }
  })
  // A night shift across midnight: marking under traffic restrictions.
  const night = daysAgo(2)
  rows.push(shift(ids['chief.kuznetsov'], at(night, '21:00'), plusHours(at(night, '21:00'), 8)))
  // Forgotten: never ended, closed by the rule at start + maxHours.
  const forgotten = rows.find((r) => r.user_id === ids['foreman.lebedev'])!
  forgotten.ended_at = plusHours(String(forgotten.started_at), maxHours)
  forgotten.auto_closed = 1
  // Corrected: the end taken from the work log, by his site chief.
  const corrected = rows.filter((r) => r.user_id === ids['foreman.volkov'])[3]
  Object.assign(corrected, {
    ended_at: at(moscowToday(new Date(String(corrected.started_at))), '18:30'),
    correction_reason: 'Забыл завершить смену, окончание — по журналу работ',
    corrected_by: ids['chief.petrov'],
    updated_by: ids['chief.petrov'],
    version: 2,
  })
  const inserted = await db.insertInto('work_sessions').values(rows).returningAll().execute()
  const system = { userId: null, ip: 'seed-demo', requestId: null }
  for (const r of inserted.filter((r) => r.auto_closed || r.correction_reason)) {
    const actor = r.corrected_by ? { ...system, userId: r.corrected_by } : system
    const action = r.correction_reason ? 'shift.update' : 'shift.auto_close'
    await audit(db, actor, { action, entityType: 'work_session', entityId: r.id, after: r })
  }
  return inserted.length
}

function shift(userId: number, started_at: string, ended_at: string) {
  return {
    user_id: userId,
    started_at,
    ended_at,
    auto_closed: 0,
    version: 1,
    note: null,
    correction_reason: null,
    corrected_by: null,
    created_at: started_at,
    created_by: userId,
    updated_at: ended_at,
    updated_by: userId,
  } satisfies Insertable<WorkSessionsTable>
}
