import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { createSession } from '../auth/sessions.ts'
import { writeSessionCookie } from '../auth/session-cookie.ts'
import { readForm } from '../lib/forms.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { countUsers, createUser } from '../users/users.queries.ts'
import { setupForm } from '../users/users.schema.ts'
import { SetupPage } from '../../views/setup/SetupPage.tsx'

// The first administrator. Once any user exists, this page is gone.
export const setupRoutes = new Hono<AppEnv>()

setupRoutes.use(async (c, next) => {
  if ((await countUsers(c.get('db'))) > 0) {
    if (c.req.method === 'GET') return c.redirect('/login', 303)
    return c.text('Администратор уже создан', 403)
  }
  await next()
})

setupRoutes.get('/', (c) =>
  c.render(<SetupPage form={{ values: {}, errors: {} }} />, { title: 'Первый запуск' }),
)

setupRoutes.post('/', async (c) => {
  const form = await readForm(await c.req.parseBody(), setupForm)
  if (!form.ok) {
    c.status(422)
    return c.render(<SetupPage form={form} />, { title: 'Первый запуск' })
  }
  const db = c.get('db')
  const id = await createUser(db, actorOf(c), { ...form.data, role: 'admin' })
  const s = await db.transaction().execute(async (trx) => {
    const s = await createSession(trx, id, {
      ip: c.get('ip'),
      userAgent: c.req.header('user-agent') ?? null,
      days: c.get('deps').config.SESSION_DAYS,
    })
    await audit(
      trx,
      { ...actorOf(c), userId: id },
      { action: 'auth.login', entityType: 'session', entityId: s.session.id },
    )
    return s
  })
  writeSessionCookie(c, s.token, s.session.expires_at)
  return redirectWithFlash(c, '/', 'Администратор создан. Добро пожаловать!')
})
