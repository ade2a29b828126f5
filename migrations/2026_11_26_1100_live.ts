import type { Kysely } from 'kysely'
import { ts, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  // One row per record being edited; the primary key makes taking a lock atomic.
  await db.schema
    .createTable('edit_locks')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('acquired_at', ts(db), (c) => c.notNull())
    .addColumn('heartbeat_at', ts(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('edit_locks_pk', ['entity_type', 'entity_id'])
    .execute()
  await db.schema.createIndex('edit_locks_token_idx').on('edit_locks').column('token').execute()

  // Who has a record open right now, across every server process.
  await withId(db, db.schema.createTable('live_presence'))
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', ts(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('live_presence_stream_idx')
    .on('live_presence')
    .columns(['stream', 'seen_at'])
    .execute()
  await db.schema
    .createIndex('live_presence_process_idx')
    .on('live_presence')
    .column('process_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_presence').execute()
  await db.schema.dropTable('edit_locks').execute()
}
