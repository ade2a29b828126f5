import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import { OnlinePage } from '../../views/users/OnlinePage.tsx'
import { allSessions, onlineUsers } from './user-page.queries.ts'
import { revokeSession } from './user-page.routes.tsx'

// Who is online now (a page open with its socket) and every active session, revocable.
export const adminOnlineRoutes = new Hono<AppEnv>()
adminOnlineRoutes.use(requirePermission('users.manage'))

adminOnlineRoutes.get('/', async (c) => {
  const db = c.get('db')
  const [online, sessions] = await Promise.all([onlineUsers(db), allSessions(db)])
  return c.render(
    <AdminPage user={userOf(c)} current="online" title="Сейчас в сети">
      <OnlinePage online={online} sessions={sessions} currentSession={c.get('session')?.id} />
    </AdminPage>,
    { title: 'Сейчас в сети' },
  )
})

adminOnlineRoutes.post('/sessions/:sid/revoke', async (c) => {
  const sid = c.req.param('sid')
  if (sid === c.get('session')?.id)
    return redirectWithFlash(c, '/admin/online', 'Свой текущий сеанс завершайте кнопкой «Выйти»')
  const ended = await revokeSession(c, sid)
  return redirectWithFlash(c, '/admin/online', ended ? 'Сеанс завершён' : 'Сеанс уже завершён')
})
