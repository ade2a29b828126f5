import { sql, type Kysely } from 'kysely'
import { isPg } from './_helpers.ts'

// Indexes the main pages were missing, found by EXPLAIN on years of data
// (tests/http/explain-indexes.test.ts): without each, a query read its whole table.
const STOCKED = sql<boolean>`deleted_at is null and in_store + on_site > 0.000001`

export async function up(db: Kysely<any>): Promise<void> {
  // /worklog: the foreman's own last projects first («Внести объёмы»).
  await db.schema
    .createIndex('worklog_created_by_idx')
    .on('worklog_entries')
    .columns(['created_by', 'project_id', 'id'])
    .execute()
  // /shifts: who worked in a month — sessions still open or ended after the month began.
  await db.schema
    .createIndex('work_sessions_ended_idx')
    .on('work_sessions')
    .columns(['ended_at', 'user_id'])
    .execute()
  // /stock: balances sum the batches that still hold something, a few among years of batches.
  await db.schema
    .createIndex('stock_batches_stocked_idx')
    .on('stock_batches')
    .columns(['material_id', 'warehouse_id'])
    .where(STOCKED)
    .execute()
  // /consumption and its count: work-log lines that name a batch, a few among all lines.
  await db.schema
    .createIndex('worklog_with_batch_idx')
    .on('worklog_entries')
    .columns(['id', 'batch_id'])
    .where(sql<boolean>`batch_id is not null`)
    .execute()
  // Remarks opened and closed per week (the remarks chart): the last weeks of years of remarks.
  await db.schema.createIndex('remarks_created_idx').on('remarks').column('created_at').execute()
  await db.schema.createIndex('remarks_closed_idx').on('remarks').column('closed_at').execute()
  if (isPg(db)) await searchIndexes(db)
}

// Registry searches are substring searches (LIKE '%…%' on the normalised search column): only a
// trigram index serves them. pg_trgm ships with PostgreSQL and is a trusted extension (13+),
// so the database's owner may create it; without it the searches still work, unindexed.
async function searchIndexes(db: Kysely<any>) {
  // Test schemas migrate side by side: one creates the extension, the others wait and see it.
  await sql`select pg_advisory_xact_lock(hashtext('strod:pg_trgm'))`.execute(db)
  const { rows } = await sql<{ ok: boolean }>`
    select exists (select 1 from pg_extension where extname = 'pg_trgm')
      or (exists (select 1 from pg_available_extensions where name = 'pg_trgm')
        and has_database_privilege(current_database(), 'CREATE')) as ok`.execute(db)
  if (!rows[0].ok) return
  await sql`create extension if not exists pg_trgm with schema public`.execute(db)
  const { rows: ext } = await sql<{ schema: string }>`
    select extnamespace::regnamespace::text as schema from pg_extension
    where extname = 'pg_trgm'`.execute(db)
  const ops = sql.raw(`${ext[0].schema}.gin_trgm_ops`)
  for (const table of ['documents', 'remarks'])
    await sql`create index ${sql.id(`${table}_search_trgm_idx`)} on ${sql.table(table)}
      using gin (search ${ops})`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'worklog_created_by_idx',
    'work_sessions_ended_idx',
    'stock_batches_stocked_idx',
    'worklog_with_batch_idx',
    'remarks_created_idx',
    'remarks_closed_idx',
  ])
    await db.schema.dropIndex(name).execute()
  if (isPg(db))
    for (const name of ['documents_search_trgm_idx', 'remarks_search_trgm_idx'])
      await db.schema.dropIndex(name).ifExists().execute()
}
