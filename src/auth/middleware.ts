import type { MiddlewareHandler } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import type { Permission } from './permissions.ts'
import { can } from './current-user.ts'
import { loadCurrentUser } from './load-user.ts'
import { invalidateSession, validateSessionToken } from './sessions.ts'
import { clearSessionCookie, readSessionToken, writeSessionCookie } from './session-cookie.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'

export function loadSession(): MiddlewareHandler<AppEnv> {
  return async function loadSession(c, next) {
    c.set('user', null)
    c.set('session', null)
    const token = readSessionToken(c)
    if (token) {
      const { db, config } = c.get('deps')
      const valid = await validateSessionToken(db, token, config.SESSION_DAYS)
      const user = valid ? await loadCurrentUser(db, valid.session.user_id) : null
      if (valid && user) {
        c.set('user', user)
        c.set('session', valid.session)
        if (valid.renewed) writeSessionCookie(c, token, valid.session.expires_at)
      } else {
        if (valid) await invalidateSession(db, valid.session.id)
        clearSessionCookie(c)
      }
    }
    await next()
  }
}

// Until the first administrator exists, every page leads to /setup.
export function setupGate(): MiddlewareHandler<AppEnv> {
  let usersExist = false // once true, never false again: cached per app
  return async function setupGate(c, next) {
    if (!usersExist) {
      const row = await c.get('db').selectFrom('users').select('id').limit(1).executeTakeFirst()
      usersExist = !!row
    }
    if (!usersExist && !c.req.path.startsWith('/setup')) return c.redirect('/setup', 303)
    await next()
  }
}

export function loginRedirect(c: Ctx) {
  const next = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/'
  const to = `/login?next=${encodeURIComponent(next)}`
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', to)
    return c.body(null, 401)
  }
  return c.redirect(to, 303)
}

export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUser(c, next) {
    const user = c.get('user')
    if (!user) return loginRedirect(c)
    if (user.must_change_password && !c.req.path.startsWith('/account/password')) {
      if (c.req.path !== '/logout') return c.redirect('/account/password', 303)
    }
    await next()
  }
}

export function requirePermission(p: Permission): MiddlewareHandler<AppEnv> {
  return async function requirePermission(c, next) {
    if (!can(c.get('user'), p)) return renderError(c, 403)
    await next()
  }
}
