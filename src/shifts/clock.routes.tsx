import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime, formatTime } from '../lib/format.ts'
import { formatDuration, shiftMinutes } from './hours.ts'
import { safeBack } from './shifts.schema.ts'
import { closeForgottenShifts, endShift, startShift } from './shifts.queries.ts'
import type { WorkSession } from './shifts.table.ts'

// The header's «Начать смену» / «Завершить смену»: plain posts, back to the page they came from.
export const clockRoutes = new Hono<AppEnv>()

async function closeMine(c: Ctx, now: Date) {
  const max = c.get('deps').config.SHIFT_MAX_HOURS
  const closed = await closeForgottenShifts(c.get('db'), now, max, { userId: userOf(c).id })
  return closed.map(
    (s: WorkSession) =>
      `Смена с ${formatDateTime(s.started_at)} была открыта дольше ${max} ч и закрыта ` +
      `автоматически в ${formatDateTime(s.ended_at)}. Если вы работали дольше, попросите ` +
      'начальника участка исправить её.',
  )
}

clockRoutes.post('/start', async (c) => {
  const back = safeBack((await c.req.parseBody()).back)
  const now = new Date()
  const notes = await closeMine(c, now)
  const r = await startShift(c.get('db'), actorOf(c), userOf(c).id, now)
  const said = r.ok
    ? `Смена начата в ${formatTime(r.row.started_at)}`
    : `Смена уже идёт с ${formatDateTime(r.openSince)}: сначала завершите её`
  return redirectWithFlash(c, back, [said, ...notes].join('. '))
})

clockRoutes.post('/end', async (c) => {
  const back = safeBack((await c.req.parseBody()).back)
  const now = new Date()
  const notes = await closeMine(c, now)
  if (notes.length) return redirectWithFlash(c, back, notes.join(' '))
  const row = await endShift(c.get('db'), actorOf(c), userOf(c).id, now)
  return redirectWithFlash(
    c,
    back,
    row
      ? `Смена завершена: ${formatDuration(shiftMinutes(row, now))}`
      : 'Смена не была начата — завершать нечего',
  )
})
