import { sql } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { Db } from '../db/connect.ts'
import { nowIso } from '../db/business.ts'
import { formatDate, formatNumber } from '../lib/format.ts'
import type { Material } from '../reference/reference.table.ts'
import { UNIT_LABELS } from './units.ts'
import type { MovementKind, StockBatch, StockMovement } from './stock.table.ts'

// The stock ledger. A batch's balance is the sum of its movements, in two places: in the
// warehouse (store_delta) and issued to crews and projects but not yet consumed (site_delta).
//   receipt      store +q
//   issue        store −q, site +q     (to a project and/or a crew)
//   return       store +q, site −q
//   consumption  site −q; what was not issued comes straight from the warehouse (store −rest)
//   write-off    store −q              (a reason is required)
//   correction   store ±q              (an administrator's explicit correction, with a reason)
// The running totals on the batch move in the same transaction by a conditional UPDATE that
// refuses to go below zero, so two storekeepers issuing the last 100 kg at once cannot both
// succeed, on SQLite and on PostgreSQL alike.

export interface MovementInput {
  batchId: number
  kind: MovementKind
  quantity: number // > 0; for a correction, the signed change of the warehouse balance
  movedOn: string
  projectId?: number | null
  crewId?: number | null
  worklogEntryId?: number | null
  requestId?: number | null
  reason?: string | null
  // An administrator confirms that the shortfall is a correction of the balance (inventory).
  correctShortfall?: { reason: string } | null
}

export type MovementResult =
  | { ok: true; movement: StockMovement; correction: StockMovement | null }
  | { ok: false; error: string; shortfall?: number }

const EPS = 1e-6
export const round3 = (n: number) => Math.round(n * 1000) / 1000

type Loaded = Pick<
  StockBatch,
  'id' | 'number' | 'in_store' | 'on_site' | 'blocked' | 'expires_on' | 'deleted_at'
> & { unit: Material['unit'] }

export function deltasOf(kind: MovementKind, q: number, b: Pick<StockBatch, 'on_site'>) {
  switch (kind) {
    case 'receipt':
      return { store: q, site: 0 }
    case 'issue':
      return { store: -q, site: q }
    case 'return':
      return { store: q, site: -q }
    case 'consumption': {
      const fromSite = Math.min(q, Math.max(0, b.on_site))
      return { store: -(q - fromSite), site: -fromSite }
    }
    case 'writeoff':
      return { store: -q, site: 0 }
    case 'correction':
      return { store: q, site: 0 }
  }
}

const qty = (n: number, unit: Material['unit']) => `${formatNumber(round3(n))} ${UNIT_LABELS[unit]}`

function refusal(kind: MovementKind, b: Loaded, today: string): string | null {
  if (b.deleted_at) return 'Партия удалена'
  if (kind === 'issue' && b.blocked) return 'Партия заблокирована: выдача запрещена'
  if (kind === 'issue' && b.expires_on && b.expires_on < today)
    return `Срок годности партии истёк ${formatDate(b.expires_on)}: выдача запрещена`
  return null
}

export async function applyMovement(
  db: Db,
  actor: Actor,
  input: MovementInput,
  today: string,
): Promise<MovementResult> {
  try {
    return await db.transaction().execute(async (trx) => ({
      ok: true as const,
      ...(await moveWithin(trx, actor, input, today)),
    }))
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message, shortfall: e.shortfall }
    throw e
  }
}

// The same inside a caller's transaction (a receipt that creates its batch); throws Refused.
export async function moveWithin(trx: Db, actor: Actor, input: MovementInput, today: string) {
  if (input.kind !== 'correction' && !(input.quantity > 0))
    throw new Refused('Количество должно быть больше нуля')
  if ((input.kind === 'writeoff' || input.kind === 'correction') && !input.reason?.trim())
    throw new Refused('Укажите причину')
  const b = await trx
    .selectFrom('stock_batches as b')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .select([
      'b.id',
      'b.number',
      'b.in_store',
      'b.on_site',
      'b.blocked',
      'b.expires_on',
      'b.deleted_at',
      'm.unit',
    ])
    .where('b.id', '=', input.batchId)
    .executeTakeFirst()
  if (!b) throw new Refused('Партия не найдена')
  const why = refusal(input.kind, b, today)
  if (why) throw new Refused(why)
  const d = deltasOf(input.kind, input.quantity, b)
  let correction: StockMovement | null = null
  const shortfall = -(b.in_store + d.store)
  if (shortfall > EPS && input.correctShortfall) {
    correction = await record(trx, actor, b, {
      batchId: b.id,
      kind: 'correction',
      quantity: round3(shortfall),
      movedOn: input.movedOn,
      reason: input.correctShortfall.reason,
    })
  }
  return { movement: await record(trx, actor, b, input), correction }
}

export class Refused extends Error {
  constructor(
    message: string,
    readonly shortfall?: number,
  ) {
    super(message)
  }
}

// One movement: the guarded update of the running totals, the ledger row, the audit entry.
async function record(trx: Db, actor: Actor, b: Loaded, input: MovementInput) {
  const fresh = await trx
    .selectFrom('stock_batches')
    .select(['in_store', 'on_site'])
    .where('id', '=', b.id)
    .executeTakeFirstOrThrow()
  const d = deltasOf(input.kind, input.quantity, fresh)
  const store = round3(d.store)
  const site = round3(d.site)
  const res = await trx
    .updateTable('stock_batches')
    .set({
      in_store: sql`in_store + ${store}`,
      on_site: sql`on_site + ${site}`,
    })
    .where('id', '=', b.id)
    .where(sql<boolean>`in_store + ${store} >= ${-EPS}`)
    .where(sql<boolean>`on_site + ${site} >= ${-EPS}`)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) {
    const now = await trx
      .selectFrom('stock_batches')
      .select(['in_store', 'on_site'])
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow()
    const short = -(now.in_store + store)
    const msg =
      site < 0 && input.kind === 'return'
        ? `Нельзя вернуть больше, чем выдано: выдано ${qty(now.on_site, b.unit)}`
        : `Недостаточно на складе: партия №${b.number}, остаток ${qty(now.in_store, b.unit)}, ` +
          `требуется ${qty(-store, b.unit)}`
    throw new Refused(msg, short > EPS ? round3(short) : undefined)
  }
  const movement = await trx
    .insertInto('stock_movements')
    .values({
      batch_id: b.id,
      kind: input.kind,
      quantity: round3(input.quantity),
      store_delta: store,
      site_delta: site,
      project_id: input.projectId ?? null,
      crew_id: input.crewId ?? null,
      worklog_entry_id: input.worklogEntryId ?? null,
      request_id: input.requestId ?? null,
      reason: input.reason?.trim() || null,
      moved_on: input.movedOn,
      created_at: nowIso(),
      created_by: actor.userId,
      legacy_key: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(trx, actor, {
    action: `stock.${input.kind}`,
    entityType: 'stock_batch',
    entityId: b.id,
    before: { in_store: fresh.in_store, on_site: fresh.on_site },
    after: movement,
  })
  return movement
}

// The balance as the plain sum of the ledger (for checks and reports; pages read the totals).
export async function ledgerSum(db: Db, batchId: number) {
  const r = await db
    .selectFrom('stock_movements')
    .select((e) => [
      e.fn.coalesce(e.fn.sum<number>('store_delta'), sql<number>`0`).as('store'),
      e.fn.coalesce(e.fn.sum<number>('site_delta'), sql<number>`0`).as('site'),
    ])
    .where('batch_id', '=', batchId)
    .executeTakeFirstOrThrow()
  return { in_store: round3(Number(r.store)), on_site: round3(Number(r.site)) }
}
