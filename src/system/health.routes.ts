import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import { poolOf, type Db } from '../db/connect.ts'
import { dbPool, editLocks, jobsWaiting, registry } from './metrics.ts'

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
  await sampleGauges(c.get('db'))
  c.header('Content-Type', registry.contentType)
  return c.body(await registry.metrics())
})

// Shared state read at scrape time: the job queue and the locks (every process sees the same),
// and this process's PostgreSQL pool.
async function sampleGauges(db: Db) {
  const [jobs, locks] = await Promise.all([
    db
      .selectFrom('jobs')
      .select(['state', (e) => e.fn.countAll<number>().as('n')])
      .where('state', 'in', ['queued', 'running'])
      .groupBy('state')
      .execute(),
    db
      .selectFrom('edit_locks')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ])
  for (const state of ['queued', 'running'])
    jobsWaiting.set({ state }, Number(jobs.find((j) => j.state === state)?.n ?? 0))
  editLocks.set(Number(locks?.n ?? 0))
  const pool = poolOf(db)
  if (pool) {
    dbPool.set({ state: 'total' }, pool.totalCount)
    dbPool.set({ state: 'idle' }, pool.idleCount)
    dbPool.set({ state: 'waiting' }, pool.waitingCount)
  }
}
