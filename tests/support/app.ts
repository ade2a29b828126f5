import type { KyselyPlugin } from 'kysely'
import { createApp, type App } from '../../src/app.tsx'
import { loadConfig } from '../../src/config.ts'
import type { Dialect } from '../../src/db/connect.ts'
import type { Role } from '../../src/auth/roles.ts'
import { createSession } from '../../src/auth/sessions.ts'
import { createUser } from '../../src/users/users.queries.ts'
import { createLogger } from '../../src/system/logger.ts'
import { freshDb, type TestDb } from './db.ts'
import { createLive } from '../../src/live/live.ts'
import type { Hub } from '../../src/live/hub.ts'

export const ORIGIN = 'http://localhost'
export const PASSWORD = 'Проверка-пароля-2026'

export interface TestApp {
  app: App
  db: TestDb
  /** Queries run through the app since the last call. */
  takeQueryCount(): number
  live: Hub
  dialect: Dialect
  /** Creates a user of the role and returns the Cookie header of a signed-in session. */
  signIn(role: Role, login?: string): Promise<{ id: number; cookie: string }>
  get(path: string, cookie?: string, headers?: Record<string, string>): Promise<Response>
  post(
    path: string,
    form: Record<string, string>,
    cookie?: string,
    headers?: Record<string, string>,
  ): Promise<Response>
  close(): Promise<void>
}

let counter = 0

export async function testApp(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const db = await freshDb(dialect)
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
  const logger = createLogger('silent')
  const live = await createLive(db, logger, { releaseGraceMs: 300 })
  // Every query the app runs is counted, so tests can prove a page's query count is bounded.
  const queries = { n: 0 }
  const counting: KyselyPlugin = {
    transformQuery: (args) => (queries.n++, args.node),
    transformResult: async (args) => args.result,
  }
  const app = createApp({ db: db.db.withPlugin(counting), dialect, config, logger, live })
  const system = { userId: null, ip: null, requestId: null }
  return {
    takeQueryCount: () => {
      const n = queries.n
      queries.n = 0
      return n
    },
    app,
    db,
    live,
    dialect,
    async signIn(role, login) {
      const name = login ?? `${role}${++counter}`
      const id = await createUser(db.db, system, {
        login: name,
        full_name: `Тестов ${name} Тестович`,
        password: PASSWORD,
        role,
      })
      const s = await createSession(db.db, id, { ip: null, userAgent: 'vitest', days: 30 })
      return { id, cookie: `sid=${s.token}` }
    },
    get: async (path, cookie, headers = {}) =>
      app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } }),
    post: async (path, form, cookie, headers = {}) =>
      app.request(path, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
      }),
    async close() {
      await live.close()
      await db.drop()
    },
  }
}
