import type { KyselyPlugin } from 'kysely'
import { createApp, type App } from '../../src/app.tsx'
import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/system/logger.ts'
import type { TestApp } from './app.ts'

export interface CapturedQuery {
  sql: string
  parameters: readonly unknown[]
}

// A second app over a test app's database whose every query is kept as the SQL text and
// parameters the driver receives, so a test can ask the database how it would run them.
export function capturingApp(t: TestApp, env: Record<string, string> = {}) {
  const captured: CapturedQuery[] = []
  const executor = t.db.db.getExecutor()
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      const q = executor.compileQuery(args.node, args.queryId)
      captured.push({ sql: q.sql, parameters: q.parameters })
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  const app: App = createApp({
    db: t.db.db.withPlugin(capture),
    dialect: t.dialect,
    config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
    logger: createLogger('silent'),
    live: t.live,
  })
  return {
    /** The queries run since the last call, in order. */
    take: () => captured.splice(0),
    get: (path: string, cookie: string) => app.request(path, { headers: { cookie } }),
  }
}
