import pg from 'pg'
import { openDb, type Dialect, type DbHandle } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const DIALECTS: Dialect[] = ['sqlite', 'postgres']

export interface TestDb extends DbHandle {
  schema?: string
  drop(): Promise<void>
}

// A freshly migrated database: in-memory SQLite, or a schema of its own on PostgreSQL so test
// files running side by side never see each other's rows.
export async function freshDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const h = openDb('file::memory:')
    await migrate(h.db)
    return { ...h, drop: () => h.close() }
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const h = openDb(PG_URL, { schema, poolSize: 5 })
  await migrate(h.db, schema)
  return {
    ...h,
    schema,
    async drop() {
      await h.close()
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`drop schema ${schema} cascade`)
      await c.end()
    },
  }
}
