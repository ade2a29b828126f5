import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Ctx } from '../app-env.ts'

export const SESSION_COOKIE = 'sid'

export function isHttps(c: Ctx) {
  const mode = c.get('deps').config.COOKIE_SECURE
  if (mode !== 'auto') return mode === 'true'
  return c.req.header('x-forwarded-proto') === 'https' || c.req.url.startsWith('https:')
}

export const readSessionToken = (c: Ctx) => getCookie(c, SESSION_COOKIE)

export function writeSessionCookie(c: Ctx, token: string, expiresAt: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    path: '/',
    expires: new Date(expiresAt),
  })
}

export const clearSessionCookie = (c: Ctx) => deleteCookie(c, SESSION_COOKIE, { path: '/' })
