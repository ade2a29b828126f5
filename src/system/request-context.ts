import type { MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { routePath } from 'hono/route'
import type { AppEnv } from '../app-env.ts'
import { httpDuration } from './metrics.ts'

function clientIp(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  // Only behind a proxy that sets them (Fly.io, nginx) may the forwarding headers be believed;
  // otherwise any client could choose the IP the audit log and the login throttle see.
  if (c.get('deps').config.TRUST_PROXY) {
    const fwd = c.req.header('fly-client-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]
    if (fwd) return fwd.trim()
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'local' // app.request() in tests has no socket
  }
}

export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const started = performance.now()
    const incoming = c.req.header('x-request-id')
    const requestId =
      incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID().slice(0, 18)
    c.set('requestId', requestId)
    c.set('ip', clientIp(c))
    c.header('X-Request-Id', requestId)
    await next()
    const ms = performance.now() - started
    const route = routePath(c) || c.req.path
    httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, ms / 1000)
    if (route.startsWith('/assets') || route === '/healthz') return
    c.get('deps').logger.info({
      reqId: requestId,
      user: c.get('user')?.id ?? null,
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(ms * 10) / 10,
    })
  }
}
