import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import { registry } from './metrics.ts'

export const healthRoutes = new Hono<AppEnv>()

healthRoutes.get('/healthz', (c) => c.text('ok'))

// Set on SIGTERM: a balancer stops sending new requests while those in flight finish.
let draining = false
export const markDraining = () => {
  draining = true
}

healthRoutes.get('/readyz', async (c) => {
  if (draining) return c.text('shutting down', 503)
  try {
    await sql`select 1`.execute(c.get('db'))
    return c.text('ready')
  } catch {
    return c.text('database unreachable', 503)
  }
})

healthRoutes.get('/metrics', async (c) => {
  const token = c.get('deps').config.METRICS_TOKEN
  if (token && c.req.header('authorization') !== `Bearer ${token}`)
    return c.text('unauthorized', 401)
  c.header('Content-Type', registry.contentType)
  return c.body(await registry.metrics())
})
