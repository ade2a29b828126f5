// Where a page's time goes, on a database filled by the scale suite's generator: every SQL
// statement the page runs, with its time, slowest first (the pool's clients are timed on
// PostgreSQL, better-sqlite3's statements on SQLite). A path followed by ' hx' is asked for as
// htmx asks for a fragment.
// Usage: node --import tsx bench/scale/profile.ts <schema | file:path.db> '<cookie>' '<path>'…
import { performance } from 'node:perf_hooks'
import SQLite from 'better-sqlite3'
import type pg from 'pg'
import { createApp } from '../../src/app.tsx'
import { loadConfig } from '../../src/config.ts'
import { openDb, poolOf } from '../../src/db/connect.ts'
import { createLive } from '../../src/live/live.ts'
import { createLogger } from '../../src/system/logger.ts'
import { PG_URL } from '../lib/bench-db.ts'

const [where, cookie, ...paths] = process.argv.slice(2)
const timed: { sql: string; ms: number }[] = []
const sqlite = where.startsWith('file:')
if (sqlite) {
  // Statements run synchronously: wrap each prepared statement's runners.
  const proto = SQLite.prototype as unknown as { prepare: (s: string) => Record<string, unknown> }
  const prepare = proto.prepare
  proto.prepare = function (this: unknown, text: string) {
    const stmt = prepare.call(this, text)
    for (const m of ['all', 'get', 'run', 'iterate']) {
      const fn = stmt[m] as (...a: unknown[]) => unknown
      stmt[m] = (...a: unknown[]) => {
        const t = performance.now()
        try {
          return fn.apply(stmt, a)
        } finally {
          timed.push({ sql: text.replace(/\s+/g, ' '), ms: performance.now() - t })
        }
      }
    }
    return stmt
  }
}
const handle = sqlite ? openDb(where) : openDb(PG_URL, { schema: where })
if (!sqlite)
  poolOf(handle.db)!.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>
    ;(client as unknown as { query: unknown }).query = async (...a: unknown[]) => {
      const t = performance.now()
      try {
        return await query(...a)
      } finally {
        const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text: string }).text
        timed.push({ sql: text.replace(/\s+/g, ' '), ms: performance.now() - t })
      }
    }
  })
const logger = createLogger('silent')
const live = await createLive(handle, logger)
const app = createApp({
  db: handle.db,
  dialect: 'postgres',
  config: loadConfig({ LOG_LEVEL: 'silent' }),
  logger,
  live,
})
for (const path of paths) {
  const hx = path.endsWith(' hx')
  const p = hx ? path.slice(0, -3) : path
  let ms = 0
  for (let i = 0; i < 4; i++) {
    timed.length = 0
    const t = performance.now()
    const res = await app.request(p, {
      headers: { cookie, ...(hx ? { 'hx-request': 'true' } : {}) },
    })
    await res.text()
    ms = performance.now() - t
  }
  const sqlMs = timed.reduce((a, q) => a + q.ms, 0)
  console.log(
    `\n${p}: ${ms.toFixed(1)} ms, ${timed.length} queries, ${sqlMs.toFixed(1)} ms in SQL (summed)`,
  )
  for (const q of [...timed].sort((a, b) => b.ms - a.ms).slice(0, 6))
    console.log(`  ${q.ms.toFixed(1).padStart(7)} ms  ${q.sql.slice(0, 400)}`)
}
await live.close?.()
await handle.close()
process.exit(0)
