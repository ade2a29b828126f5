import type { Context } from 'hono'
import type { Logger } from 'pino'
import type { CurrentUser } from './auth/current-user.ts'
import type { SessionRow } from './auth/auth.table.ts'
import type { Config } from './config.ts'
import type { Db, Dialect } from './db/connect.ts'
import type { Hub } from './live/hub.ts'

export interface AppDeps {
  db: Db
  dialect: Dialect
  config: Config
  logger: Logger
  live: Hub
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    db: Db
    user: CurrentUser | null
    session: SessionRow | null
    requestId: string
    ip: string
    flash: string | null
  }
}

export type Ctx = Context<AppEnv>

// Who is acting, for the audit log.
export interface Actor {
  userId: number | null
  ip: string | null
  requestId: string | null
}

export const actorOf = (c: Ctx): Actor => ({
  userId: c.get('user')?.id ?? null,
  ip: c.get('ip') ?? null,
  requestId: c.get('requestId') ?? null,
})

// The signed-in user; routes behind requireUser always have one.
export function userOf(c: Ctx): CurrentUser {
  const u = c.get('user')
  if (!u) throw new Error('requireUser must run before this handler')
  return u
}
