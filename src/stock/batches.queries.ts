import { sql } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import { searchText } from '../lib/format.ts'
import { keysetPage } from '../lib/keyset.ts'
import type { BatchEditInput, BatchInput, BatchQuery } from './batches.schema.ts'
import { moveWithin } from './ledger.ts'
import type { BatchStatus, StockBatch } from './stock.table.ts'
import { cachedReference } from '../reference/cache.ts'
import { activeMaterials } from '../reference/lists.ts'

const searchOf = (b: Pick<BatchInput, 'number' | 'manufacturer' | 'supplier' | 'notes'>) =>
  searchText(b.number, b.manufacturer, b.supplier, b.notes)

// A batch without a certificate or declaration is incomplete for the executive documentation.
const hasCertificate = sql<boolean>`exists (select 1 from stock_batch_documents d
  where d.batch_id = b.id and d.kind = 'certificate' and d.deleted_at is null)`

export const batchStatus = (
  b: Pick<StockBatch, 'blocked' | 'expires_on'>,
  today: string,
): BatchStatus => (b.blocked ? 'blocked' : b.expires_on && b.expires_on < today ? 'expired' : 'ok')

function base(db: Db) {
  return db
    .selectFrom('stock_batches as b')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .innerJoin('warehouses as w', 'w.id', 'b.warehouse_id')
    .where('b.deleted_at', 'is', null)
    .selectAll('b')
    .select([
      'm.name as material_name',
      'm.short_name as material_short',
      'm.unit',
      'm.threshold_pct',
      'm.norm_per_m2',
      'w.name as warehouse_name',
    ])
    .select(hasCertificate.as('has_certificate'))
}
export type BatchRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>

export const findBatch = (db: Db, id: number) => base(db).where('b.id', '=', id).executeTakeFirst()

export async function listBatches(db: Db, q: BatchQuery, today: string) {
  let qb = base(db)
  if (q.q) qb = qb.where('b.search', 'like', `%${searchText(q.q)}%`)
  if (q.material) qb = qb.where('b.material_id', '=', q.material)
  if (q.warehouse) qb = qb.where('b.warehouse_id', '=', q.warehouse)
  if (q.status === 'blocked') qb = qb.where('b.blocked', '=', 1)
  if (q.status === 'expired') qb = qb.where('b.expires_on', '<', today)
  if (q.status === 'ok')
    qb = qb
      .where('b.blocked', '=', 0)
      .where((eb) => eb.or([eb('b.expires_on', 'is', null), eb('b.expires_on', '>=', today)]))
  if (q.status === 'incomplete') qb = qb.where(sql<boolean>`not ${hasCertificate}`)
  if (q.status === 'empty') qb = qb.where(sql<boolean>`b.in_store + b.on_site <= 0.000001`)
  return keysetPage(
    qb,
    { column: 'b.received_on', dir: 'desc', idColumn: 'b.id' },
    q.after,
    (r) => [r.received_on, r.id],
  )
}

// A receipt: the batch and its first movement in one transaction, audited; `also` adds to the
// same transaction (the material request it fulfils).
export async function receiveBatch(
  db: Db,
  actor: Actor,
  data: BatchInput,
  today: string,
  also?: (trx: Db, batch: StockBatch) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    const now = nowIso()
    const batch = await trx
      .insertInto('stock_batches')
      .values({
        number: data.number,
        material_id: data.material_id,
        warehouse_id: data.warehouse_id,
        location: data.location,
        manufacturer: data.manufacturer,
        supplier: data.supplier,
        manufactured_on: data.manufactured_on,
        shelf_life_months: data.shelf_life_months,
        expires_on: data.expires_on,
        received_on: data.received_on,
        received_qty: data.received_qty,
        notes: data.notes,
        search: searchOf(data),
        legacy_key: null,
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'stock_batch.create',
      entityType: 'stock_batch',
      entityId: batch.id,
      after: batch,
    })
    await moveWithin(
      trx,
      actor,
      {
        batchId: batch.id,
        kind: 'receipt',
        quantity: data.received_qty,
        movedOn: data.received_on,
        requestId: data.request_id,
      },
      today,
    )
    await also?.(trx, batch)
    return batch
  })
}

export const updateBatch = (
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  data: BatchEditInput,
) =>
  updateVersioned(
    db,
    actor,
    { table: 'stock_batches', entity: 'stock_batch', id, version },
    () => ({
      ...data,
      search: searchOf(data),
    }),
  )

export async function setBlocked(
  db: Db,
  actor: Actor,
  id: number,
  blocked: boolean,
  reason: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('stock_batches')
      .select(['blocked', 'blocked_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const after = { blocked: blocked ? 1 : 0, blocked_reason: blocked ? reason : null }
    await trx
      .updateTable('stock_batches')
      .set({ ...after, version: sql`version + 1`, updated_at: nowIso(), updated_by: actor.userId })
      .where('id', '=', id)
      .execute()
    await audit(trx, actor, {
      action: blocked ? 'stock_batch.block' : 'stock_batch.unblock',
      entityType: 'stock_batch',
      entityId: id,
      before,
      after,
    })
  })
}

export function batchMovements(db: Db, batchId: number, after?: string) {
  return keysetPage(
    db
      .selectFrom('stock_movements as sm')
      .leftJoin('projects as p', 'p.id', 'sm.project_id')
      .leftJoin('crews as c', 'c.id', 'sm.crew_id')
      .leftJoin('users as u', 'u.id', 'sm.created_by')
      .selectAll('sm')
      .select(['p.code as project_code', 'p.short_name as project_name', 'c.name as crew_name'])
      .select('u.full_name as by_name')
      .where('sm.batch_id', '=', batchId),
    { column: 'sm.id', dir: 'desc', idColumn: 'sm.id' },
    after,
    (r) => [r.id, r.id],
    50,
  )
}
export type MovementRow = Awaited<ReturnType<typeof batchMovements>>['rows'][number]

// Per material and warehouse: what is in the warehouse and what is out with crews, over the
// batches that still hold something (years of emptied batches add nothing but a full scan;
// the predicate is that of stock_batches_stocked_idx).
export function balances(db: Db) {
  return db
    .selectFrom('stock_batches as b')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .innerJoin('warehouses as w', 'w.id', 'b.warehouse_id')
    .where('b.deleted_at', 'is', null)
    .where(sql<boolean>`b.in_store + b.on_site > 0.000001`)
    .select(['m.id as material_id', 'm.name as material_name', 'm.unit', 'm.sort_order'])
    .select(['w.id as warehouse_id', 'w.name as warehouse_name'])
    .select((e) => [
      e.fn.sum<number>('b.in_store').as('in_store'),
      e.fn.sum<number>('b.on_site').as('on_site'),
      e.fn.countAll<number>().as('batches'),
    ])
    .groupBy(['m.id', 'm.name', 'm.unit', 'm.sort_order', 'w.id', 'w.name'])
    .orderBy('m.sort_order')
    .orderBy('w.name')
    .execute()
}

export const listWarehouses = (db: Db) =>
  cachedReference(db, 'warehouses', 'active', () =>
    db
      .selectFrom('warehouses')
      .select(['id', 'name'])
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .execute(),
  )

export const stockedMaterials = (db: Db) =>
  cachedReference(db, 'materials', 'stocked', async () =>
    (await activeMaterials(db)).filter((m) => m.stocked === 1),
  )
