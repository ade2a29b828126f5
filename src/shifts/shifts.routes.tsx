import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { enqueue } from '../jobs/queue.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { TeamPage } from '../../views/shifts/TeamPage.tsx'
import { TimesheetPage } from '../../views/shifts/TimesheetPage.tsx'
import { managesShifts } from './access.ts'
import { clockRoutes } from './clock.routes.tsx'
import { correctionRoutes } from './correction.routes.tsx'
import { moscowMonth } from './hours.ts'
import { exportForm, teamQuery, timesheetQuery } from './shifts.schema.ts'
import { closeForgottenShifts, usersInScope } from './shifts.queries.ts'
import { TIMESHEET_KIND, type TimesheetPayload } from './timesheet.job.ts'
import { personSheet, teamSheet } from './timesheet.ts'

// Time tracking (рабочие смены): the header's start/end, the timesheet, the team's month,
// corrections and the Excel export. Mounted at /shifts.
export const shiftRoutes = new Hono<AppEnv>()

shiftRoutes.route('/', clockRoutes)

// A month of one person: one's own, or (shifts.manage) anyone in one's scope (?user=).
shiftRoutes.get('/', zValidator('query', timesheetQuery), async (c) => {
  const me = userOf(c)
  const db = c.get('db')
  const q = c.req.valid('query')
  const month = q.month ?? moscowMonth()
  const userId = q.user ?? me.id
  if (userId !== me.id && !managesShifts(me)) return renderError(c, 403)
  const people = managesShifts(me) ? await usersInScope(db, me, month) : [me]
  const person = people.find((u) => u.id === userId) ?? (userId === me.id ? me : null)
  if (!person) return renderError(c, 404)
  const now = new Date()
  const max = c.get('deps').config.SHIFT_MAX_HOURS
  const closed = await closeForgottenShifts(db, now, max, { userId })
  // The header was loaded before the rule ran: it must not offer to end a closed shift.
  if (closed.length && userId === me.id) c.set('user', { ...me, open_shift_started_at: null })
  return c.render(
    <TimesheetPage
      person={person}
      month={month}
      sheet={await personSheet(db, me, userId, month, now)}
      people={people}
      canCorrect={managesShifts(me)}
      isMine={userId === me.id}
    />,
    { title: 'Табель' },
  )
})

shiftRoutes.get('/team', zValidator('query', teamQuery), async (c) => {
  const me = userOf(c)
  if (!managesShifts(me)) return renderError(c, 403)
  const db = c.get('db')
  const month = c.req.valid('query').month ?? moscowMonth()
  const now = new Date()
  await closeForgottenShifts(db, now, c.get('deps').config.SHIFT_MAX_HOURS)
  const rows = await teamSheet(db, me, month, now)
  return c.render(<TeamPage month={month} rows={rows} />, { title: 'Табель: сводка' })
})

// The month's timesheet in Excel, built in the background (the job checks access again).
shiftRoutes.post('/export', async (c) => {
  const me = userOf(c)
  const q = exportForm.parse(await c.req.parseBody())
  const payload: TimesheetPayload = {
    month: q.month ?? moscowMonth(),
    userId: q.scope === 'team' ? null : (q.user ?? me.id),
  }
  if (payload.userId !== me.id && !managesShifts(me)) return renderError(c, 403)
  if (payload.userId != null && payload.userId !== me.id) {
    const people = await usersInScope(c.get('db'), me, payload.month)
    if (!people.some((u) => u.id === payload.userId)) return renderError(c, 404)
  }
  const id = await enqueue(c.get('db'), actorOf(c), TIMESHEET_KIND, payload)
  return c.redirect(`/jobs/${id}`, 303)
})

shiftRoutes.route('/', correctionRoutes)
