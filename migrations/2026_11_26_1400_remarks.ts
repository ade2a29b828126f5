import type { Kysely } from 'kysely'
import { date, ts, withBusiness, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  // Per-project counter for gap-free remark numbers, incremented inside the creating transaction.
  await db.schema
    .createTable('remark_counters')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id'))
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('remarks'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('location', 'text')
      .addColumn('priority', 'text', (c) => c.notNull()) // low | normal | high | critical
      .addColumn('status', 'text', (c) => c.notNull()) // new | in_progress | fixed | verified | closed | rejected
      .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
      .addColumn('assignee_name', 'text') // a name from the old app that matched no user
      .addColumn('deadline', date(db))
      .addColumn('closed_at', ts(db))
      .addColumn('reject_reason', 'text')
      .addColumn('legacy_key', 'text')
      .addColumn('search', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('remarks_project_seq_uq', ['project_id', 'seq']),
  ).execute()
  for (const [name, cols] of [
    ['remarks_project_idx', ['project_id', 'id']],
    ['remarks_status_idx', ['status', 'id']],
    ['remarks_assignee_idx', ['assignee_id', 'status', 'id']],
    ['remarks_deadline_idx', ['status', 'deadline', 'id']],
    ['remarks_priority_idx', ['priority', 'id']],
    ['remarks_legacy_idx', ['legacy_key']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('remarks')
      .columns([...cols])
      .execute()

  // Every change: status moves, assignee, deadline, text, and plain comments.
  await withId(db, db.schema.createTable('remark_events'))
    .addColumn('remark_id', 'integer', (c) => c.notNull().references('remarks.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // created | status | assignee | deadline | edit | comment | photo
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('detail', 'text') // what changed, as shown to users
    .addColumn('comment', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('user_name', 'text') // imported history: a name that matched no user
    .addColumn('at', ts(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('remark_events_remark_idx')
    .on('remark_events')
    .columns(['remark_id', 'id'])
    .execute()

  await withId(db, db.schema.createTable('remark_photos'))
    .addColumn('remark_id', 'integer', (c) => c.notNull().references('remarks.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('thumb_file_id', 'integer', (c) => c.references('files.id'))
    .addColumn('phase', 'text', (c) => c.notNull()) // before | after
    .addColumn('caption', 'text')
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema
    .createIndex('remark_photos_remark_idx')
    .on('remark_photos')
    .columns(['remark_id', 'id'])
    .execute()

  // In-app notifications (the bell): any feature may notify a user.
  await withId(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('href', 'text')
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('read_at', ts(db))
    .execute()
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'id'])
    .execute()
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .columns(['user_id', 'read_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notifications', 'remark_photos', 'remark_events', 'remarks', 'remark_counters'])
    await db.schema.dropTable(t).execute()
}
