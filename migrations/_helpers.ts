// Shared DDL pieces for migrations. Migrations import nothing from src/ so they stay valid
// as the application code changes; the dialect differences they need live here.
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely'

export const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter

export const ts = (db: Kysely<any>) => (isPg(db) ? 'timestamptz' : 'text')
export const json = (db: Kysely<any>) => (isPg(db) ? 'jsonb' : 'text')
export const date = (db: Kysely<any>) => (isPg(db) ? 'date' : 'text')
export const now = sql`CURRENT_TIMESTAMP`

export function withId<T extends string>(db: Kysely<any>, t: CreateTableBuilder<T, never>) {
  return t.addColumn('id', 'integer', (c) =>
    isPg(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
  )
}

// version for optimistic concurrency, who/when for every change, soft delete.
export function withBusiness<T extends string>(db: Kysely<any>, t: CreateTableBuilder<T, any>) {
  return t
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', ts(db), (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('deleted_at', ts(db))
}
