import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'

// Everyone signed in reads the reference data; every write (any non-GET) needs the permission.
// Each reference sub-app installs it itself, so none can be mounted with its writes open.
export function requireForWrites(): MiddlewareHandler<AppEnv> {
  const check = requirePermission('reference.write')
  return async function requireForWrites(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return check(c, next)
  }
}

// The forms that only a writer may open.
export const canWrite = requirePermission('reference.write')
