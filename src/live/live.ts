import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { DbHandle } from '../db/connect.ts'
import { registerCustomersLive } from '../customers/customers.live.tsx'
import { registerDocumentsLive } from '../documents/documents.live.tsx'
import { registerJobsLive } from '../jobs/jobs.live.tsx'
import { registerRemarksLive } from '../remarks/remarks.live.tsx'
import { registerNotificationsLive } from '../notifications/notifications.live.tsx'
import { registerWorklogLive } from '../worklog/worklog.live.tsx'
import { registerProjectsLive } from '../projects/projects.live.tsx'
import { registerStockLive } from '../stock/stock.live.tsx'
import { MemoryBus, PgBus, type Bus } from './bus.ts'
import { Hub } from './hub.ts'
import { registerPresence } from './presence.live.tsx'
import { LiveRegistry } from './registry.ts'
import { loadSecret, StreamSigner } from './signing.ts'

// Every feature's streams and fragments, in one place (as app.tsx lists every feature's routes).
export function liveRegistry() {
  const r = new LiveRegistry()
  registerPresence(r)
  registerProjectsLive(r)
  registerCustomersLive(r)
  registerDocumentsLive(r)
  registerJobsLive(r)
  registerRemarksLive(r)
  registerNotificationsLive(r)
  registerWorklogLive(r)
  registerStockLive(r)
  return r
}

export async function createLive(
  handle: DbHandle,
  logger: Logger,
  opts: { releaseGraceMs?: number } = {},
): Promise<Hub> {
  const { db } = handle
  let bus: Bus
  if (handle.dialect === 'postgres') {
    const pgBus = new PgBus(
      handle.url,
      async (channel, payload) => {
        await sql`select pg_notify(${channel}, ${payload})`.execute(db)
      },
      logger,
      handle.schema,
    )
    await pgBus.start()
    bus = pgBus
  } else {
    bus = new MemoryBus()
  }
  const signer = new StreamSigner(await loadSecret(db))
  return new Hub({ db, bus, registry: liveRegistry(), signer, logger, ...opts })
}
