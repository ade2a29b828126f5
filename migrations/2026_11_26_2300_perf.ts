import { sql, type Kysely } from 'kysely'
import { isPg } from './_helpers.ts'

// Covering indexes for the sums over the work log that the ГПР grid, the dashboard and the
// work-log totals run on every view (found by `npm run bench` on 500 000 lines; docs/
// BENCHMARKS.md): the live lines only, with the summed columns inside, so PostgreSQL answers
// from the index alone (an index-only scan) instead of visiting a heap page per line.
// SQLite has no INCLUDE: there the same columns are trailing key columns.
const INDEXES: [name: string, key: string[], include: string[]][] = [
  // ГПР: a page of projects, cumulative up to a month's end and day by day within it.
  ['worklog_live_project_idx', ['project_id', 'work_date'], ['material_code', 'area_m2']],
  // Dashboard and /worklog totals: a period across every project one may see.
  [
    'worklog_live_date_idx',
    ['work_date', 'project_id'],
    ['material_code', 'marking_type_id', 'crew_id', 'area_m2', 'metres', 'pieces'],
  ],
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, key, include] of INDEXES) {
    const cols = (xs: string[]) => sql.join(xs.map((c) => sql.id(c)))
    const columns = isPg(db)
      ? sql`(${cols(key)}) include (${cols(include)})`
      : sql`(${cols([...key, ...include])})`
    await sql`create index ${sql.id(name)} on worklog_entries ${columns}
      where deleted_at is null`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute()
}
