import { sql, type Kysely } from 'kysely'
import { ts, withBusiness, withId } from './_helpers.ts'

// Team administration: work sessions (рабочие смены) and each user's notification settings.
export async function up(db: Kysely<any>): Promise<void> {
  // One shift of one user: open while ended_at is null (one open shift per user at a time).
  // A forgotten shift is closed by the rule and flagged (auto_closed); a site chief's
  // correction keeps its reason.
  await withBusiness(
    db,
    withId(db, db.schema.createTable('work_sessions'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('started_at', ts(db), (c) => c.notNull())
      .addColumn('ended_at', ts(db))
      .addColumn('auto_closed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text')
      .addColumn('correction_reason', 'text')
      .addColumn('corrected_by', 'integer', (c) => c.references('users.id'))
      .addCheckConstraint('work_sessions_order', sql`ended_at is null or ended_at >= started_at`),
  ).execute()
  // The database itself refuses a second open shift, whatever two requests race.
  await db.schema
    .createIndex('work_sessions_open_uq')
    .on('work_sessions')
    .column('user_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute()
  await db.schema
    .createIndex('work_sessions_user_idx')
    .on('work_sessions')
    .columns(['user_id', 'started_at'])
    .execute()
  await db.schema
    .createIndex('work_sessions_started_idx')
    .on('work_sessions')
    .columns(['started_at', 'id'])
    .execute()

  // The users list filters by department (by role: users_role_idx of the foundation).
  await db.schema
    .createIndex('users_department_idx')
    .on('users')
    .columns(['department', 'full_name'])
    .execute()

  // Kinds of in-app notifications the user turned off (a JSON array of kind prefixes).
  await db.schema
    .alterTable('users')
    .addColumn('muted_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_sessions').execute()
  await db.schema.dropIndex('users_department_idx').execute()
  await db.schema.alterTable('users').dropColumn('muted_kinds').execute()
}
