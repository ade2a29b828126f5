import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.ts'

export type Dialect = 'sqlite' | 'postgres'
export type Db = Kysely<Database>

export interface DbHandle {
  db: Db
  dialect: Dialect
  url: string
  schema?: string // PostgreSQL schema when not the default (tests give each file its own)
  close(): Promise<void>
}

// Hide the drivers' differences here: pg returns dates, bigints, numerics and json in its
// own shapes; we want the same plain values SQLite gives (ISO text, numbers, JSON text).
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8 (count(*))
      case 1700: // numeric
        return (v: string) => Number(v)
      case 1184: // timestamptz
      case 1114: // timestamp
        return parseTimestamp
      case 1082: // date
      case 114: // json
      case 3802: // jsonb
        return (v: string) => v
      default:
        return pg.types.getTypeParser(oid, format as 'text')
    }
  },
}

// pg prints '2026-11-26 10:11:28.123+03' (or no zone for timestamp, meaning UTC here).
function parseTimestamp(v: string) {
  let s = v.replace(' ', 'T')
  if (/[+-]\d\d$/.test(s)) s += ':00'
  else if (!/(Z|[+-]\d\d:\d\d)$/.test(s)) s += 'Z'
  return new Date(s).toISOString()
}

// The pg pool behind a handle, for its gauges on /metrics (none on SQLite).
// Keyed by the dialect's adapter, which withPlugin() copies and transactions share.
const pools = new WeakMap<object, pg.Pool>()
export const poolOf = (db: Kysely<Database>) => pools.get(db.getExecutor().adapter) ?? null

export function openDb(url: string, opts: { schema?: string; poolSize?: number } = {}): DbHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      types: pgTypes,
      options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    pools.set(db.getExecutor().adapter, pool)
    return { db, dialect: 'postgres', url, schema: opts.schema, close: () => db.destroy() }
  }
  const file = url.replace(/^file:/, '')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  // SQLite's lower() folds only ASCII; Russian search must fold Cyrillic too.
  sqlite.function('lower', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? s.toLowerCase() : s,
  )
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', url, close: () => db.destroy() }
}

// Inside a query function that only has the handle (or a transaction): which database is it?
export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter

// A unique constraint refused the write (both drivers).
export const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string }
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}
