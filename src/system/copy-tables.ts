import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../db/connect.ts'
import type { Database } from '../db/database.ts'

// Every table of the application, parents before children, so rows go in with foreign keys
// checked. pk orders the rows (the copy and the checksums read in that order); later names
// self-references, inserted empty and filled in once the whole table is there; seeded tables
// are filled by the migrations themselves (a fresh database already has rows in them).
// tests/unit/copy-tables.test.ts holds this list to the migrations.
export interface TableSpec {
  name: keyof Database & string
  pk: string[]
  later?: string[]
  seeded?: boolean
}

const id = ['id']

export const TABLES: TableSpec[] = [
  { name: 'users', pk: id, later: ['created_by', 'updated_by'] },
  { name: 'groups', pk: id },
  { name: 'group_members', pk: ['group_id', 'user_id'] },
  { name: 'sessions', pk: id },
  { name: 'login_failures', pk: id },
  { name: 'role_permissions', pk: ['role', 'permission'] },
  { name: 'settings', pk: ['key'] },
  { name: 'audit_log', pk: id },
  { name: 'customers', pk: id },
  { name: 'projects', pk: id },
  { name: 'project_volumes', pk: ['project_id', 'material'] },
  { name: 'project_members', pk: id },
  { name: 'edit_locks', pk: ['entity_type', 'entity_id'] },
  { name: 'live_presence', pk: id },
  { name: 'files', pk: id },
  { name: 'jobs', pk: id },
  { name: 'document_types', pk: id, seeded: true },
  { name: 'transmittals', pk: id },
  { name: 'documents', pk: id },
  { name: 'document_movements', pk: id },
  { name: 'document_files', pk: id },
  { name: 'remark_counters', pk: ['project_id'] },
  { name: 'remarks', pk: id },
  { name: 'remark_events', pk: id },
  { name: 'remark_photos', pk: id },
  { name: 'notifications', pk: id },
  { name: 'marking_types', pk: id, seeded: true },
  { name: 'materials', pk: id, seeded: true },
  { name: 'crews', pk: id },
  { name: 'crew_members', pk: ['crew_id', 'user_id'] },
  { name: 'warehouses', pk: id, seeded: true },
  { name: 'stock_batches', pk: id },
  { name: 'worklog_entries', pk: id },
  { name: 'schedule_plans', pk: id },
  { name: 'weekly_reports', pk: id },
  { name: 'stock_batch_documents', pk: id },
  { name: 'stock_movements', pk: id },
  { name: 'stock_alerts', pk: id },
  { name: 'material_requests', pk: id },
  { name: 'work_sessions', pk: id },
  { name: 'legacy_keys', pk: ['source', 'legacy_table', 'legacy_id'] },
  { name: 'legacy_imports', pk: id },
]

export interface Column {
  name: string
  type: string // as the database names it: 'integer', 'text', 'jsonb', 'timestamp with time zone'…
  identity: boolean // PostgreSQL identity column (its sequence is set after the copy)
}

// Table name → its columns, for the application's tables of this database (or PostgreSQL schema).
export type Schema = Map<string, Column[]>

export async function readSchema(db: Kysely<any>): Promise<Schema> {
  const rows = isPostgres(db)
    ? await sql<{ t: string; c: string; type: string; identity: string }>`
        select table_name as t, column_name as c, data_type as type, is_identity as identity
        from information_schema.columns where table_schema = current_schema()
        order by table_name, ordinal_position`.execute(db)
    : await sql<{ t: string; c: string; type: string; identity: string }>`
        select m.name as t, p.name as c, lower(p.type) as type, 'NO' as identity
        from sqlite_master m, pragma_table_info(m.name) p
        where m.type = 'table' order by m.name, p.cid`.execute(db)
  const schema: Schema = new Map()
  for (const r of rows.rows) {
    if (r.t.startsWith('kysely_') || r.t.startsWith('sqlite_')) continue
    const cols = schema.get(r.t) ?? []
    cols.push({ name: r.c, type: r.type, identity: r.identity === 'YES' })
    schema.set(r.t, cols)
  }
  return schema
}

// Columns whose text differs between the dialects for equal data: PostgreSQL prints jsonb its
// own way and keeps timestamps as instants. SQLite declares neither, so the PostgreSQL side of
// a copy tells; between two SQLite databases nothing is converted and nothing needs to be.
export type Kind = 'ts' | 'json'
export type Kinds = Map<string, Kind> // 'table.column' → kind

export function columnKinds(...schemas: Schema[]): Kinds {
  const kinds: Kinds = new Map()
  for (const schema of schemas)
    for (const [table, cols] of schema)
      for (const c of cols) {
        if (c.type === 'jsonb' || c.type === 'json') kinds.set(`${table}.${c.name}`, 'json')
        if (c.type.startsWith('timestamp')) kinds.set(`${table}.${c.name}`, 'ts')
      }
  return kinds
}

// Both databases must hold every table of the list with the same columns (other tables, say
// of another application sharing the PostgreSQL schema, are left alone).
export function schemaProblem(source: Schema, target: Schema): string | null {
  for (const { name } of TABLES) {
    const a = source.get(name)?.map((c) => c.name)
    const b = target.get(name)?.map((c) => c.name)
    if (!a) return `В исходной базе нет таблицы «${name}»`
    if (!b) return `В целевой базе нет таблицы «${name}»`
    if ([...a].sort().join() !== [...b].sort().join())
      return `Таблица «${name}»: столбцы различаются (${a.join(', ')} / ${b.join(', ')})`
  }
  return null
}

// The rows of a table in primary-key order, a page at a time. Text keys are ordered bytewise
// (collate "C" on PostgreSQL, SQLite's default), so both dialects give the same order.
export async function* pages(db: Kysely<any>, spec: TableSpec, cols: Column[], size: number) {
  const pg = isPostgres(db)
  const isText = (c: string) => cols.find((x) => x.name === c)?.type === 'text'
  const order = spec.pk.map((c) => (pg && isText(c) ? sql`${sql.ref(c)} collate "C"` : sql.ref(c)))
  const keyset = spec.pk.length === 1 && !isText(spec.pk[0]) // integer id: no offset to skip
  let last: unknown = null
  for (let offset = 0; ; offset += size) {
    let q = db.selectFrom(spec.name).selectAll().limit(size)
    for (const o of order) q = q.orderBy(o)
    if (!keyset) q = q.offset(offset)
    else if (last !== null) q = q.where(sql.ref(spec.pk[0]), '>', last)
    const rows: Record<string, unknown>[] = await q.execute()
    if (rows.length) yield rows
    if (rows.length < size) return
    last = rows[rows.length - 1][spec.pk[0]]
  }
}
