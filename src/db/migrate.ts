import { Migrator, type MigrationProvider } from 'kysely'
import { migrations } from '../../migrations/index.ts'
import type { Db } from './connect.ts'

const provider: MigrationProvider = { getMigrations: async () => migrations }

export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
