import { sql } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { isUniqueViolation, type Db } from '../db/connect.ts'
import { nowIso } from '../db/business.ts'
import { formatDate, formatNumber } from '../lib/format.ts'
import { notify } from '../notifications/notifications.queries.ts'
import { round3 } from './ledger.ts'
import type { AlertCondition } from './stock.table.ts'
import { UNIT_LABELS } from './units.ts'
import type { MaterialUnit } from '../reference/reference.table.ts'

// Stock control. A batch's conditions hold or not; an alert row is open while its condition
// holds (a partial unique index keeps one open row per batch and condition, on every process),
// so a condition is announced once, not every time the check runs, and cleared when resolved.
//   low       0 < remaining < threshold % of the quantity received (not for a blocked batch)
//   expiring  remaining > 0 and the expiry date within EXPIRY_WARN_DAYS
//   expired   remaining > 0 and past the expiry date

export const EXPIRY_WARN_DAYS = 30
const EPS = 1e-6
const SYSTEM: Actor = { userId: null, ip: null, requestId: null }

export const CONDITION_LABELS: Record<AlertCondition, string> = {
  low: 'Остаток ниже порога',
  expiring: 'Истекает срок годности',
  expired: 'Срок годности истёк',
}

interface BatchState {
  id: number
  number: string
  material_id: number
  material_name: string
  unit: MaterialUnit
  threshold_pct: number
  received_qty: number
  in_store: number
  on_site: number
  blocked: number
  expires_on: string | null
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export function conditionsOf(b: BatchState, today: string): AlertCondition[] {
  const left = b.in_store + b.on_site
  if (left <= EPS) return []
  const out: AlertCondition[] = []
  if (!b.blocked && left < (b.received_qty * b.threshold_pct) / 100 - EPS) out.push('low')
  if (b.expires_on && b.expires_on < today) out.push('expired')
  else if (b.expires_on && b.expires_on <= addDays(today, EXPIRY_WARN_DAYS)) out.push('expiring')
  return out
}

function describe(b: BatchState, c: AlertCondition) {
  const unit = UNIT_LABELS[b.unit]
  const left = `${formatNumber(round3(b.in_store + b.on_site))} ${unit}`
  if (c === 'low')
    return `Партия №${b.number} (${b.material_name}): осталось ${left} из ${formatNumber(b.received_qty)} ${unit}`
  if (c === 'expired')
    return `Партия №${b.number} (${b.material_name}): срок годности истёк ${formatDate(b.expires_on)}, осталось ${left}`
  return `Партия №${b.number} (${b.material_name}): годна до ${formatDate(b.expires_on)}, осталось ${left}`
}

// Storekeepers and the director hear about stock conditions.
async function alertRecipients(db: Db) {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', ['storekeeper', 'director'])
    .where('is_active', '=', 1)
    .execute()
  return rows.map((r) => r.id)
}

export interface ReconcileResult {
  raised: { batchId: number; condition: AlertCondition }[]
  cleared: number
  drafts: number[] // material requests drafted by a low batch
  notified: number[] // users whose bell changed
}

// Brings the open alerts in line with the batches' conditions: of the given batches, or of
// every batch with stock or an open alert (the periodic pass that notices expiry dates).
export async function reconcileAlerts(
  db: Db,
  today: string,
  batchIds?: number[],
): Promise<ReconcileResult> {
  const result: ReconcileResult = { raised: [], cleared: 0, drafts: [], notified: [] }
  if (batchIds && !batchIds.length) return result
  let q = db
    .selectFrom('stock_batches as b')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .select([
      'b.id',
      'b.number',
      'b.material_id',
      'm.name as material_name',
      'm.unit',
      'm.threshold_pct',
      'b.received_qty',
      'b.in_store',
      'b.on_site',
      'b.blocked',
      'b.expires_on',
    ])
    .where('b.deleted_at', 'is', null)
  q = batchIds
    ? q.where('b.id', 'in', batchIds)
    : q.where((eb) =>
        eb.or([
          sql<boolean>`b.in_store + b.on_site > ${EPS}`,
          eb.exists(
            eb
              .selectFrom('stock_alerts as a')
              .select('a.id')
              .whereRef('a.batch_id', '=', 'b.id')
              .where('a.cleared_at', 'is', null),
          ),
        ]),
      )
  const batches = await q.execute()
  const ids = batches.map((b) => b.id)
  const open = ids.length
    ? await db
        .selectFrom('stock_alerts')
        .select(['id', 'batch_id', 'condition'])
        .where('cleared_at', 'is', null)
        .where('batch_id', 'in', ids)
        .execute()
    : []
  const openKey = new Map(open.map((a) => [`${a.batch_id}:${a.condition}`, a.id]))
  const toClear: number[] = []
  const wanted = new Set<string>()
  for (const b of batches) {
    for (const c of conditionsOf(b, today)) {
      wanted.add(`${b.id}:${c}`)
      if (!openKey.has(`${b.id}:${c}`)) {
        if (await raise(db, b, c)) result.raised.push({ batchId: b.id, condition: c })
      }
    }
  }
  for (const [key, id] of openKey) if (!wanted.has(key)) toClear.push(id)
  if (toClear.length) {
    await db
      .updateTable('stock_alerts')
      .set({ cleared_at: nowIso() })
      .where('id', 'in', toClear)
      .where('cleared_at', 'is', null)
      .execute()
    result.cleared = toClear.length
  }
  if (result.raised.length) {
    const recipients = await alertRecipients(db)
    for (const r of result.raised) {
      const b = batches.find((x) => x.id === r.batchId)!
      await notify(db, recipients, {
        kind: `stock.${r.condition}`,
        title: CONDITION_LABELS[r.condition],
        body: describe(b, r.condition),
        href: `/stock/batches/${b.id}`,
      })
      if (r.condition === 'low') {
        const draft = await draftRequest(db, b)
        if (draft) result.drafts.push(draft)
      }
    }
    result.notified = recipients
  }
  return result
}

// The open row, raced safely: a second process inserting the same condition gets nothing back.
async function raise(db: Db, b: BatchState, condition: AlertCondition) {
  const row = await db
    .insertInto('stock_alerts')
    .values({ batch_id: b.id, condition, raised_at: nowIso(), cleared_at: null })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return !!row
}

// A low batch drafts a replenishment request (the quantity of the batch) for review, never an
// approved purchase, and never while the warehouse already has an open request for the material.
async function draftRequest(db: Db, b: BatchState): Promise<number | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('material_requests')
        .select('id')
        .where('material_id', '=', b.material_id)
        .where('project_id', 'is', null)
        .where('status', 'in', ['draft', 'pending', 'approved'])
        .executeTakeFirst()
      if (open) return null
      const now = nowIso()
      const row = await trx
        .insertInto('material_requests')
        .values({
          project_id: null,
          material_id: b.material_id,
          quantity: b.received_qty,
          reason: `Контроль остатков: ${describe(b, 'low')}`,
          needed_by: null,
          status: 'draft',
          source: 'threshold',
          batch_id: b.id,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          fulfilled_batch_id: null,
          fulfilled_at: null,
          legacy_key: null,
          created_at: now,
          created_by: null,
          updated_at: now,
          updated_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, SYSTEM, {
        action: 'material_request.create',
        entityType: 'material_request',
        entityId: row.id,
        after: row,
      })
      return row.id
    })
  } catch (e) {
    if (isUniqueViolation(e)) return null // another process drafted it a moment ago
    throw e
  }
}

// Open alerts with their batches, the most recent first (the warehouse page and the dashboard).
export function openAlerts(db: Db, limit = 100) {
  return db
    .selectFrom('stock_alerts as a')
    .innerJoin('stock_batches as b', 'b.id', 'a.batch_id')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .select(['a.id', 'a.condition', 'a.raised_at', 'a.batch_id'])
    .select(['b.number', 'b.in_store', 'b.on_site', 'b.received_qty', 'b.expires_on'])
    .select(['m.name as material_name', 'm.unit'])
    .where('a.cleared_at', 'is', null)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
}
export type OpenAlert = Awaited<ReturnType<typeof openAlerts>>[number]
