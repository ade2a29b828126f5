import { execFileSync } from 'node:child_process'
import { cssIsStale } from './system/css.ts'
import { serve } from '@hono/node-server'
import { createApp } from './app.tsx'
import { loadConfig } from './config.ts'
import { openDb } from './db/connect.ts'
import { migrate } from './db/migrate.ts'
import { createLogger } from './system/logger.ts'
import { createLive } from './live/live.ts'
import { sweepTemp } from './files/storage.ts'
import { Worker } from './jobs/worker.ts'
import { afterStockChange } from './stock/stock.live.tsx'
import { closeForgottenShifts } from './shifts/shifts.queries.ts'
import { markDraining } from './system/health.routes.ts'
import { registerJobHandlers } from './jobs/handlers.ts'
import { attachWebSocket } from './live/upgrade.ts'
import type { Server } from 'node:http'

const config = loadConfig()
const logger = createLogger(config.LOG_LEVEL)

// Tailwind's CSS is built from the templates: on a fresh checkout, and again whenever a
// template is newer than the built file (after an update). About a second.
if (cssIsStale()) {
  logger.info('building CSS')
  const cli = 'node_modules/tailwindcss/lib/cli.js'
  const args = [
    cli,
    '-c',
    'tailwind.config.cjs',
    '-i',
    'views/layout/app.css',
    '-o',
    'public/app.css',
    '--minify',
  ]
  execFileSync(process.execPath, args, { stdio: 'ignore' })
}

const handle = openDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA })
const applied = await migrate(handle.db, handle.schema)
if (applied.length) logger.info({ applied }, 'migrations applied')

await sweepTemp(config.UPLOAD_DIR)
const live = await createLive(handle, logger)
const jobs = registerJobHandlers(new Worker({ db: handle.db, live, logger }), { config }).start()
const app = createApp({ db: handle.db, dialect: handle.dialect, config, logger, live })
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  logger.info(
    { port: info.port, db: handle.dialect },
    `Строд-Сервис: http://localhost:${info.port}`,
  )
})

attachWebSocket(server as unknown as Server, live, { db: handle.db, config })

// Stock control notices expiry dates by the calendar, not only by movements: a pass at start
// and every hour (an alert is raised once whichever process sees it first).
// Forgotten shifts are closed by the SHIFT_MAX_HOURS rule in the same pass.
const hourlyPass = () => {
  void afterStockChange({ db: handle.db, live }, undefined).catch((err) =>
    logger.error({ err }, 'stock control pass failed'),
  )
  void closeForgottenShifts(handle.db, new Date(), config.SHIFT_MAX_HOURS).catch((err) =>
    logger.error({ err }, 'forgotten shifts pass failed'),
  )
}
hourlyPass()
const hourlyTimer = setInterval(hourlyPass, 3_600_000)
hourlyTimer.unref()

let stopping = false
// While draining, every response closes its connection, so kept-alive clients let go at once.
;(server as unknown as Server).on('request', (_req, res) => {
  if (stopping) res.shouldKeepAlive = false
})
// SIGTERM (a deploy, a restart): no new connections; open pages are told the server restarts
// and reconnect to the next process; requests in flight finish (10 s at most); jobs in flight
// may finish too, else they are stopped and re-queued so another process resumes them.
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  clearInterval(hourlyTimer)
  logger.info({ signal }, 'shutting down')
  markDraining()
  setTimeout(() => process.exit(0), 25_000).unref()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  setTimeout(() => (server as unknown as Server).closeAllConnections(), 10_000).unref()
  await live.close()
  await jobs.stop(undefined, 10_000)
  await closed
  await handle.close()
  logger.info('stopped')
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
