import { Migrator, sql, type MigrationProvider } from 'kysely'
import { migrations } from '../../migrations/index.ts'
import type { Db } from './connect.ts'

const provider: MigrationProvider = { getMigrations: async () => migrations }

// schema: the PostgreSQL schema the tables live in, when not the default one (tests give each
// file its own); Kysely must look for its own bookkeeping tables there and nowhere else.
export async function migrate(db: Db, schema?: string): Promise<string[]> {
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
