import type { Kysely } from 'kysely'
import { date, withBusiness, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  // One line of a day's work. The inputs of the area (width, lines, fill, piece area) are copied
  // from the marking type when the line is entered, and the m² is stored: a later change of
  // the reference does not change an accepted volume.
  await withBusiness(
    db,
    withId(db, db.schema.createTable('worklog_entries'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('work_date', date(db), (c) => c.notNull())
      .addColumn('section', 'text')
      .addColumn('material_code', 'text', (c) => c.notNull())
      .addColumn('crew_id', 'integer', (c) => c.references('crews.id'))
      .addColumn('marking_type_id', 'integer', (c) => c.notNull().references('marking_types.id'))
      .addColumn('width_m', 'double precision')
      .addColumn('lines', 'integer', (c) => c.notNull())
      .addColumn('fill_ratio', 'double precision', (c) => c.notNull())
      .addColumn('piece_area_m2', 'double precision')
      .addColumn('metres', 'double precision')
      .addColumn('pieces', 'integer')
      .addColumn('area_m2', 'double precision', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('source', 'text', (c) => c.notNull()) // log | grid | import
      .addColumn('legacy_key', 'text'),
  ).execute()
  for (const [name, cols] of [
    ['worklog_project_date_idx', ['project_id', 'work_date', 'id']],
    ['worklog_date_idx', ['work_date', 'id']],
    ['worklog_crew_idx', ['crew_id', 'work_date']],
    ['worklog_material_idx', ['material_code', 'work_date']],
    ['worklog_type_idx', ['marking_type_id', 'work_date']],
    ['worklog_legacy_idx', ['legacy_key']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('worklog_entries')
      .columns([...cols])
      .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worklog_entries').execute()
}
