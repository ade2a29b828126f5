import type { Kysely } from 'kysely'
import { date, json, ts, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  // The director's weekly report: a snapshot of plan and fact per material, taken when issued.
  // Rows are only ever inserted — a later change of the log or the plan does not touch them.
  await withId(db, db.schema.createTable('weekly_reports'))
    .addColumn('week_start', date(db), (c) => c.notNull()) // a Monday
    .addColumn('data', json(db), (c) => c.notNull()) // [{material_code, material_name, plan_m2, plan_full_m2, fact_m2}]
    .addColumn('plan_m2', 'double precision', (c) => c.notNull())
    .addColumn('plan_full_m2', 'double precision', (c) => c.notNull())
    .addColumn('fact_m2', 'double precision', (c) => c.notNull())
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema
    .createIndex('weekly_reports_week_idx')
    .on('weekly_reports')
    .columns(['week_start', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weekly_reports').execute()
}
