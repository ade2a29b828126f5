import type { Kysely } from 'kysely'
import { date, withBusiness, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  // The ГПР plan of a project × material with its planned dates. Without a row, the project's
  // planned volume and its start/end dates are the plan.
  await withBusiness(
    db,
    withId(db, db.schema.createTable('schedule_plans'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('material_code', 'text', (c) => c.notNull())
      .addColumn('plan_m2', 'double precision', (c) => c.notNull())
      .addColumn('start_date', date(db))
      .addColumn('end_date', date(db))
      .addUniqueConstraint('schedule_plans_uq', ['project_id', 'material_code']),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('schedule_plans').execute()
}
