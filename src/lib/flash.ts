import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Ctx } from '../app-env.ts'

// A one-time message shown on the next full page (after a redirect).
export const setFlash = (c: Ctx, message: string) =>
  setCookie(c, 'flash', encodeURIComponent(message), { path: '/', httpOnly: true, sameSite: 'Lax' })

export function takeFlash(c: Ctx): string | null {
  const v = getCookie(c, 'flash')
  if (!v) return null
  deleteCookie(c, 'flash', { path: '/' })
  try {
    return decodeURIComponent(v)
  } catch {
    return null
  }
}

export const isHtmx = (c: Ctx) => c.req.header('hx-request') === 'true'
// A boosted link or form wants a whole page; other htmx requests want the fragment.
export const wantsFragment = (c: Ctx) => isHtmx(c) && c.req.header('hx-boosted') !== 'true'

// After a successful plain form post: flash and redirect (303: the browser follows with GET).
export function redirectWithFlash(c: Ctx, to: string, message?: string) {
  if (message) setFlash(c, message)
  return c.redirect(to, 303)
}
