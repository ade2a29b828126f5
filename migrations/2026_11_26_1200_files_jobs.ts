import type { Kysely } from 'kysely'
import { json, ts, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  // Stored files: content-addressed on disk (sha256), metadata here.
  await withId(db, db.schema.createTable('files'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema.createIndex('files_sha_idx').on('files').column('sha256').execute()

  // Background jobs (exports, imports, reports): any process may claim one, exactly one does.
  await withId(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', json(db), (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // queued | running | done | failed
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0)) // 0..100
    .addColumn('message', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('run_after', ts(db), (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('heartbeat_at', ts(db))
    .addColumn('result_file_id', 'integer', (c) => c.references('files.id'))
    .addColumn('error', 'text')
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('finished_at', ts(db))
    .execute()
  await db.schema
    .createIndex('jobs_claim_idx')
    .on('jobs')
    .columns(['state', 'run_after', 'id'])
    .execute()
  await db.schema.createIndex('jobs_user_idx').on('jobs').columns(['created_by', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute()
  await db.schema.dropTable('files').execute()
}
