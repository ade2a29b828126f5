import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { readForm, requiredText } from '../lib/forms.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { loginFailures } from '../system/metrics.ts'
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts'
import { createSession, invalidateSession } from './sessions.ts'
import { clearSessionCookie, writeSessionCookie } from './session-cookie.ts'
import { clearFailures, recordFailure, throttleWait } from './throttle.ts'
import { LoginPage } from '../../views/auth/LoginPage.tsx'

export const authRoutes = new Hono<AppEnv>()

const loginForm = z.object({
  login: requiredText(100).transform((v) => v.toLowerCase()),
  password: z.string().min(1, 'Введите пароль').max(200),
})

// Only local paths, so a crafted link cannot send a user elsewhere after sign-in.
const safeNext = (n: string | undefined) => (n && /^\/(?!\/)/.test(n) ? n : '/')

// Checking a password against a real hash even when the login is unknown keeps the answer
// time the same, so timing does not reveal which logins exist.
let dummyHash: Promise<string> | null = null
const dummy = () => (dummyHash ??= hashPassword('dummy-password-for-timing'))

authRoutes.get('/login', (c) => {
  if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303)
  return c.render(
    <LoginPage form={{ values: {}, errors: {} }} next={safeNext(c.req.query('next'))} />,
    {
      title: 'Вход',
    },
  )
})

function loginRefused(c: Ctx, values: Record<string, string>, message: string, status: 422 | 429) {
  c.status(status)
  const next = safeNext(c.req.query('next'))
  return c.render(<LoginPage form={{ values, errors: { _form: message } }} next={next} />, {
    title: 'Вход',
  })
}

authRoutes.post('/login', async (c) => {
  const form = await readForm(await c.req.parseBody(), loginForm)
  if (!form.ok) {
    c.status(422)
    return c.render(<LoginPage form={form} next={safeNext(c.req.query('next'))} />, {
      title: 'Вход',
    })
  }
  const { login, password } = form.data
  const db = c.get('db')
  const ip = c.get('ip')
  const wait = await throttleWait(db, login, ip)
  if (wait > 0) {
    return loginRefused(
      c,
      form.values,
      `Слишком много неудачных попыток входа. Повторите через ${wait} мин.`,
      429,
    )
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'login', 'password_hash', 'is_active'])
    .where('login', '=', login)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  const ok = await verifyPassword(user?.password_hash ?? (await dummy()), password)
  if (!user || !ok) {
    loginFailures.inc()
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, login, ip)
      await audit(trx, actorOf(c), {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { login },
      })
    })
    return loginRefused(c, form.values, 'Неверный логин или пароль', 422)
  }
  if (!user.is_active) {
    return loginRefused(
      c,
      form.values,
      'Учётная запись отключена. Обратитесь к администратору.',
      422,
    )
  }
  const rehash = needsRehash(user.password_hash) ? await hashPassword(password) : null
  const created = await db.transaction().execute(async (trx) => {
    await clearFailures(trx, login)
    if (rehash) {
      await trx
        .updateTable('users')
        .set({ password_hash: rehash })
        .where('id', '=', user.id)
        .execute()
      await audit(
        trx,
        { ...actorOf(c), userId: user.id },
        {
          action: 'user.password_rehash',
          entityType: 'user',
          entityId: user.id,
        },
      )
    }
    const s = await createSession(trx, user.id, {
      ip,
      userAgent: c.req.header('user-agent') ?? null,
      days: c.get('deps').config.SESSION_DAYS,
    })
    await audit(
      trx,
      { ...actorOf(c), userId: user.id },
      {
        action: 'auth.login',
        entityType: 'session',
        entityId: s.session.id,
      },
    )
    return s
  })
  writeSessionCookie(c, created.token, created.session.expires_at)
  return c.redirect(safeNext(c.req.query('next')), 303)
})

authRoutes.post('/logout', async (c) => {
  const session = c.get('session')
  if (session) {
    await c
      .get('db')
      .transaction()
      .execute(async (trx) => {
        await invalidateSession(trx, session.id)
        await audit(trx, actorOf(c), {
          action: 'auth.logout',
          entityType: 'session',
          entityId: session.id,
        })
      })
  }
  if (session) await c.get('deps').live.sessionsChanged(session.user_id)
  clearSessionCookie(c)
  return redirectWithFlash(c, '/login', 'Вы вышли из системы')
})
