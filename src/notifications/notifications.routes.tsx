import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { requireUser } from '../auth/middleware.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { Bell } from '../../views/notifications/Bell.tsx'
import { NotificationList, NotificationsPage } from '../../views/notifications/NotificationList.tsx'
import { publishNotifications, userStream } from './notifications.live.tsx'
import {
  isLocalHref,
  listNotifications,
  markAllRead,
  markRead,
  unreadCount,
} from './notifications.queries.ts'

// Mounted at /notifications. Each user sees and marks only their own notifications; another
// user's id answers the same 404 as a missing one.
export const notificationRoutes = new Hono<AppEnv>()
notificationRoutes.use(requireUser())

notificationRoutes.get('/', async (c) => {
  const me = userOf(c)
  const db = c.get('db')
  const raw = c.req.query('after')
  const after = raw && raw.length <= 200 ? raw : undefined
  const page = await listNotifications(db, me.id, after)
  const list = { ...page, query: new URL(c.req.url).searchParams, isFirst: !after }
  if (wantsFragment(c)) return c.html(<NotificationList {...list} />)
  return c.render(<NotificationsPage unread={await unreadCount(db, me.id)} list={list} />, {
    title: 'Уведомления',
    streams: [userStream(me.id)],
  })
})

// The bell alone: a page reloads it after its socket reconnects (data-resync).
notificationRoutes.get('/bell', async (c) =>
  c.html(<Bell unread={await unreadCount(c.get('db'), userOf(c).id)} />),
)

notificationRoutes.post('/read-all', async (c) => {
  const me = userOf(c)
  const { db, live } = c.get('deps')
  const n = await markAllRead(db, me.id)
  if (n) await publishNotifications(live, [me.id])
  return redirectWithFlash(
    c,
    '/notifications',
    n ? 'Все уведомления отмечены как прочитанные' : 'Непрочитанных уведомлений нет',
  )
})

notificationRoutes.post('/:id{[0-9]+}/read', async (c) => {
  const me = userOf(c)
  const { db, live } = c.get('deps')
  const r = await markRead(db, me.id, Number(c.req.param('id')))
  if (!r) return renderError(c, 404)
  if (r.changed) await publishNotifications(live, [me.id])
  const href = r.notification.href
  return c.redirect(href && isLocalHref(href) ? href : '/notifications', 303)
})
