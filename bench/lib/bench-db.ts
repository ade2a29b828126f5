import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDb, type DbHandle } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { prepareFixtures, type Fixtures } from './fixtures.ts'

export type DbKind = 'sqlite' | 'postgres'

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

// The PostgreSQL server's version, for the record of the machine.
export async function postgresVersion(db: BenchDb): Promise<string | null> {
  if (db.kind !== 'postgres') return null
  const r = await sql<{ server_version: string }>`show server_version`.execute(db.handle.db)
  return r.rows[0]?.server_version ?? null
}

export interface BenchDb {
  kind: DbKind
  env: Record<string, string> // what the server processes get: DATABASE_URL (+ DATABASE_SCHEMA)
  handle: DbHandle
  fixtures: Fixtures
  dispose(): Promise<void>
}

// A fresh database per run: a temp SQLite file, or a new PostgreSQL schema dropped at the end,
// so a run never sees another's rows and leaves nothing behind.
export async function openBenchDb(kind: DbKind): Promise<BenchDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'strod-bench-'))
    const url = `file:${join(dir, 'bench.db')}`
    const handle = openDb(url)
    await migrate(handle.db)
    const fixtures = await prepareFixtures(handle.db)
    return {
      kind,
      env: { DATABASE_URL: url },
      handle,
      fixtures,
      async dispose() {
        await handle.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const schema = `bench_${Date.now()}`
  const handle = openDb(PG_URL, { schema })
  await migrate(handle.db, schema)
  const fixtures = await prepareFixtures(handle.db)
  return {
    kind,
    env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
    handle,
    fixtures,
    async dispose() {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db)
      await handle.close()
    },
  }
}
