import type { Kysely } from 'kysely'
import { json, ts, withId } from './_helpers.ts'

// The import of the desktop app's databases: what each legacy row became (so a second run
// changes nothing), and a report per run.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per imported legacy row: source file kind ('main' | 'pto'), its table and key, and
  // the record it became here (or merged into).
  await db.schema
    .createTable('legacy_keys')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('legacy_table', 'text', (c) => c.notNull())
    .addColumn('legacy_id', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('imported_at', ts(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('legacy_keys_pk', ['source', 'legacy_table', 'legacy_id'])
    .execute()
  await db.schema
    .createIndex('legacy_keys_entity_idx')
    .on('legacy_keys')
    .columns(['entity_type', 'entity_id'])
    .execute()

  await withId(db, db.schema.createTable('legacy_imports'))
    .addColumn('started_at', ts(db), (c) => c.notNull())
    .addColumn('finished_at', ts(db))
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('files', json(db), (c) => c.notNull()) // what was given: names and sizes
    .addColumn('report', json(db)) // per legacy table: read, imported, merged, skipped + reasons
    .addColumn('error', 'text')
    .addColumn('job_id', 'integer') // the background job of an import started from the admin page
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema
    .createIndex('legacy_imports_started_idx')
    .on('legacy_imports')
    .columns(['started_at', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legacy_imports').execute()
  await db.schema.dropTable('legacy_keys').execute()
}
