import { sql, type Kysely } from 'kysely'
import { date, ts, withBusiness, withId } from './_helpers.ts'

// The warehouse: batches of raw material with their documents, a ledger of movements (the
// balance is their sum; in_store / on_site on a batch are a running total kept in the same
// transaction as each movement, never edited by hand), stock alerts and material requests.

// Consumption norms per m² (kg or l) are typical values for a starting point; every one is
// editable in the materials reference. Glass beads are stocked but are not a kind of work.
const NORMS: Record<string, { unit: string; norm: number | null; stocked: number }> = {
  tp: { unit: 'kg', norm: 4.5, stocked: 1 },
  tpj: { unit: 'kg', norm: 4.5, stocked: 1 },
  hp: { unit: 'kg', norm: 3, stocked: 1 },
  hpj: { unit: 'kg', norm: 3, stocked: 1 },
  kraska_b: { unit: 'kg', norm: 0.6, stocked: 1 },
  kraska_ch: { unit: 'kg', norm: 0.6, stocked: 1 },
  kraska_j: { unit: 'kg', norm: 0.6, stocked: 1 },
  vremyanka: { unit: 'kg', norm: 0.5, stocked: 1 },
  demarkirovka: { unit: 'kg', norm: null, stocked: 0 },
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('materials')
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo('kg'))
    .execute()
  for (const [name, type, dflt] of [
    ['norm_per_m2', 'double precision', null],
    ['threshold_pct', 'double precision', 20],
    ['stocked', 'integer', 1],
    ['is_work', 'integer', 1],
  ] as const)
    await db.schema
      .alterTable('materials')
      .addColumn(name, type, (c) => (dflt === null ? c : c.notNull().defaultTo(dflt)))
      .execute()
  for (const [code, n] of Object.entries(NORMS))
    await db
      .updateTable('materials')
      .set({ unit: n.unit, norm_per_m2: n.norm, stocked: n.stocked })
      .where('code', '=', code)
      .execute()
  const now = new Date().toISOString()
  await db
    .insertInto('materials')
    .values({
      code: 'beads',
      name: 'Стеклошарики (световозвращающие)',
      short_name: 'Стеклошарики',
      sort_order: 100,
      unit: 'kg',
      norm_per_m2: 0.3,
      is_work: 0,
      created_at: now,
      updated_at: now,
    })
    .execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('warehouses'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('address', 'text'),
  ).execute()
  await db
    .insertInto('warehouses')
    .values({ name: 'Основной склад', created_at: now, updated_at: now })
    .execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('stock_batches'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('material_id', 'integer', (c) => c.notNull().references('materials.id'))
      .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
      .addColumn('location', 'text')
      .addColumn('manufacturer', 'text')
      .addColumn('supplier', 'text')
      .addColumn('manufactured_on', date(db))
      .addColumn('shelf_life_months', 'integer')
      .addColumn('expires_on', date(db))
      .addColumn('received_on', date(db), (c) => c.notNull())
      .addColumn('received_qty', 'double precision', (c) => c.notNull())
      .addColumn('in_store', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('on_site', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('blocked_reason', 'text')
      .addColumn('notes', 'text')
      .addColumn('search', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('legacy_key', 'text'),
  ).execute()
  for (const [name, cols] of [
    ['stock_batches_received_idx', ['received_on', 'id']],
    ['stock_batches_material_idx', ['material_id', 'received_on', 'id']],
    ['stock_batches_warehouse_idx', ['warehouse_id', 'received_on', 'id']],
    ['stock_batches_expires_idx', ['expires_on']],
    ['stock_batches_number_idx', ['number']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('stock_batches')
      .columns([...cols])
      .execute()

  // паспорт, сертификат / декларация, акт отбора проб, протокол испытаний.
  await withBusiness(
    db,
    withId(db, db.schema.createTable('stock_batch_documents'))
      .addColumn('batch_id', 'integer', (c) => c.notNull().references('stock_batches.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('number', 'text')
      .addColumn('issued_on', date(db))
      .addColumn('file_id', 'integer', (c) => c.references('files.id')),
  ).execute()
  await db.schema
    .createIndex('stock_batch_documents_batch_idx')
    .on('stock_batch_documents')
    .columns(['batch_id', 'kind'])
    .execute()

  // Only ever inserted: a wrong movement is answered by another one (a return, a correction).
  await withId(db, db.schema.createTable('stock_movements'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('stock_batches.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('store_delta', 'double precision', (c) => c.notNull())
    .addColumn('site_delta', 'double precision', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('crew_id', 'integer', (c) => c.references('crews.id'))
    .addColumn('worklog_entry_id', 'integer', (c) => c.references('worklog_entries.id'))
    .addColumn('request_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('moved_on', date(db), (c) => c.notNull())
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('legacy_key', 'text')
    .execute()
  for (const [name, cols] of [
    ['stock_movements_batch_idx', ['batch_id', 'id']],
    ['stock_movements_project_idx', ['project_id', 'moved_on']],
    ['stock_movements_date_idx', ['moved_on', 'id']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('stock_movements')
      .columns([...cols])
      .execute()
  // One confirmed consumption per work-log line.
  await db.schema
    .createIndex('stock_movements_entry_uq')
    .on('stock_movements')
    .column('worklog_entry_id')
    .unique()
    .where(sql.ref('worklog_entry_id'), 'is not', null)
    .execute()

  await db.schema
    .alterTable('worklog_entries')
    .addColumn('batch_id', 'integer', (c) => c.references('stock_batches.id'))
    .execute()
  await db.schema
    .createIndex('worklog_batch_idx')
    .on('worklog_entries')
    .columns(['batch_id', 'id'])
    .execute()

  // A condition of a batch (low, expiring, expired) while it holds; cleared_at when resolved.
  await withId(db, db.schema.createTable('stock_alerts'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('stock_batches.id'))
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('raised_at', ts(db), (c) => c.notNull())
    .addColumn('cleared_at', ts(db))
    .execute()
  await db.schema
    .createIndex('stock_alerts_open_uq')
    .on('stock_alerts')
    .columns(['batch_id', 'condition'])
    .unique()
    .where(sql.ref('cleared_at'), 'is', null)
    .execute()
  await db.schema
    .createIndex('stock_alerts_cleared_idx')
    .on('stock_alerts')
    .columns(['cleared_at', 'id'])
    .execute()

  // draft (raised by a low batch) → pending → approved / rejected → fulfilled; or cancelled.
  await withBusiness(
    db,
    withId(db, db.schema.createTable('material_requests'))
      .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
      .addColumn('material_id', 'integer', (c) => c.notNull().references('materials.id'))
      .addColumn('quantity', 'double precision', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('needed_by', date(db))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull()) // user | threshold | import
      .addColumn('batch_id', 'integer', (c) => c.references('stock_batches.id'))
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', ts(db))
      .addColumn('decision_reason', 'text')
      .addColumn('fulfilled_batch_id', 'integer', (c) => c.references('stock_batches.id'))
      .addColumn('fulfilled_at', ts(db))
      .addColumn('legacy_key', 'text'),
  ).execute()
  for (const [name, cols] of [
    ['material_requests_status_idx', ['status', 'id']],
    ['material_requests_project_idx', ['project_id', 'id']],
    ['material_requests_material_idx', ['material_id', 'status']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('material_requests')
      .columns([...cols])
      .execute()
  // Never two open drafts raised by stock control for one material.
  await db.schema
    .createIndex('material_requests_open_draft_uq')
    .on('material_requests')
    .column('material_id')
    .unique()
    .where(sql<boolean>`source = 'threshold' and status in ('draft', 'pending', 'approved')`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['material_requests', 'stock_alerts', 'stock_movements', 'stock_batch_documents'])
    await db.schema.dropTable(t).execute()
  await db.schema.dropIndex('worklog_batch_idx').execute()
  await db.schema.alterTable('worklog_entries').dropColumn('batch_id').execute()
  await db.schema.dropTable('stock_batches').execute()
  await db.schema.dropTable('warehouses').execute()
  await db.deleteFrom('materials').where('code', '=', 'beads').execute()
  for (const c of ['unit', 'norm_per_m2', 'threshold_pct', 'stocked', 'is_work'])
    await db.schema.alterTable('materials').dropColumn(c).execute()
}
