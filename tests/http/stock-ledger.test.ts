import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, freshDb, type TestDb } from '../support/db.ts'
import type { Actor } from '../../src/app-env.ts'
import { receiveBatch } from '../../src/stock/batches.queries.ts'
import { applyMovement, ledgerSum } from '../../src/stock/ledger.ts'
import { reconcileAlerts } from '../../src/stock/alerts.ts'
import { batchForm } from '../../src/stock/batches.schema.ts'
import { createUser } from '../../src/users/users.queries.ts'

const actor: Actor = { userId: null, ip: '127.0.0.1', requestId: 'test' }
const TODAY = '2026-11-26'

describe.each(DIALECTS)('stock ledger on %s', (dialect) => {
  let db: TestDb
  let tp: number
  let storekeeper: number
  beforeAll(async () => {
    db = await freshDb(dialect)
    tp = (
      await db.db
        .selectFrom('materials')
        .select('id')
        .where('code', '=', 'tp')
        .executeTakeFirstOrThrow()
    ).id
    storekeeper = await createUser(db.db, actor, {
      login: 'store',
      full_name: 'Морозова Анна',
      role: 'storekeeper',
      password: 'склад-пароль-2026',
    } as never)
  })
  afterAll(() => db.drop())

  async function batch(number: string, qty: number, extra: Record<string, string> = {}) {
    const form = batchForm.parse({
      number,
      material_id: String(tp),
      warehouse_id: '1',
      received_on: TODAY,
      received_qty: String(qty),
      ...extra,
    })
    return receiveBatch(db.db, actor, form, TODAY)
  }
  const balance = (id: number) =>
    db.db
      .selectFrom('stock_batches')
      .select(['in_store', 'on_site'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  it('keeps the balance equal to the sum of receipt, issue, return, consumption and write-off', async () => {
    const b = await batch('Л-1', 1000)
    const move = (kind: 'issue' | 'return' | 'consumption' | 'writeoff', quantity: number) =>
      applyMovement(
        db.db,
        actor,
        { batchId: b.id, kind, quantity, movedOn: TODAY, reason: 'порча тары' },
        TODAY,
      )
    expect((await move('issue', 300)).ok).toBe(true)
    expect((await move('return', 50.5)).ok).toBe(true)
    expect((await move('consumption', 400)).ok).toBe(true) // 249.5 from the site, the rest from the store
    expect((await move('writeoff', 10)).ok).toBe(true)
    const sum = await ledgerSum(db.db, b.id)
    const bal = await balance(b.id)
    expect(sum).toEqual({ in_store: 590, on_site: 0 })
    expect(bal.in_store).toBeCloseTo(sum.in_store, 6)
    expect(bal.on_site).toBeCloseTo(sum.on_site, 6)
  })

  it('refuses to take a batch below zero and says how much is left', async () => {
    const b = await batch('Л-2', 100)
    const r = await applyMovement(
      db.db,
      actor,
      { batchId: b.id, kind: 'issue', quantity: 120, movedOn: TODAY },
      TODAY,
    )
    expect(r).toMatchObject({ ok: false, shortfall: 20 })
    if (!r.ok) expect(r.error).toContain('остаток 100 кг')
    expect((await balance(b.id)).in_store).toBe(100)
  })

  it('lets an explicit correction with a reason cover a shortfall', async () => {
    const b = await batch('Л-3', 100)
    const r = await applyMovement(
      db.db,
      actor,
      {
        batchId: b.id,
        kind: 'issue',
        quantity: 120,
        movedOn: TODAY,
        correctShortfall: { reason: 'инвентаризация' },
      },
      TODAY,
    )
    expect(r.ok).toBe(true)
    if (r.ok)
      expect(r.correction).toMatchObject({
        kind: 'correction',
        quantity: 20,
        reason: 'инвентаризация',
      })
    expect(await ledgerSum(db.db, b.id)).toEqual({ in_store: 0, on_site: 120 })
  })

  it('lets only one of ten parallel issues of the last 100 kg through', async () => {
    const b = await batch('Л-4', 100)
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        applyMovement(
          db.db,
          actor,
          { batchId: b.id, kind: 'issue', quantity: 100, movedOn: TODAY },
          TODAY,
        ),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(
      results.filter((r) => !r.ok && r.error.startsWith('Недостаточно на складе')),
    ).toHaveLength(9)
    expect(await ledgerSum(db.db, b.id)).toEqual({ in_store: 0, on_site: 100 })
  })

  it('refuses to issue from a batch past its expiry date', async () => {
    const b = await batch('Л-5', 100, { expires_on: '2026-11-01' })
    const r = await applyMovement(
      db.db,
      actor,
      { batchId: b.id, kind: 'issue', quantity: 1, movedOn: TODAY },
      TODAY,
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain('Срок годности партии истёк 01.11.2026')
  })

  it('raises low and expiry alerts once, clears them when resolved, drafts one request', async () => {
    const b = await batch('Л-6', 1000, { expires_on: '2026-12-10' })
    let r = await reconcileAlerts(db.db, TODAY, [b.id])
    expect(r.raised).toEqual([{ batchId: b.id, condition: 'expiring' }])
    await applyMovement(
      db.db,
      actor,
      { batchId: b.id, kind: 'writeoff', quantity: 850, movedOn: TODAY, reason: 'брак' },
      TODAY,
    )
    r = await reconcileAlerts(db.db, TODAY, [b.id])
    expect(r.raised).toEqual([{ batchId: b.id, condition: 'low' }])
    expect(r.drafts).toHaveLength(1)
    expect(r.notified).toContain(storekeeper)
    r = await reconcileAlerts(db.db, TODAY) // the periodic pass: nothing new for this batch
    expect(r.raised.filter((x) => x.batchId === b.id)).toEqual([])
    const c = await batch('Л-7', 1000)
    await applyMovement(
      db.db,
      actor,
      { batchId: c.id, kind: 'writeoff', quantity: 900, movedOn: TODAY, reason: 'брак' },
      TODAY,
    )
    r = await reconcileAlerts(db.db, TODAY, [c.id])
    expect(r.raised).toEqual([{ batchId: c.id, condition: 'low' }])
    expect(r.drafts).toEqual([]) // the open draft of the material is enough
    r = await reconcileAlerts(db.db, '2026-12-11', [b.id]) // a fixed clock past the expiry date
    expect(r.raised).toEqual([{ batchId: b.id, condition: 'expired' }])
    expect(r.cleared).toBe(1) // expiring → expired
    await applyMovement(
      db.db,
      actor,
      { batchId: b.id, kind: 'writeoff', quantity: 150, movedOn: TODAY, reason: 'срок' },
      TODAY,
    )
    r = await reconcileAlerts(db.db, '2026-12-11', [b.id])
    expect(r.cleared).toBe(2)
    const open = await db.db
      .selectFrom('stock_alerts')
      .select('condition')
      .where('batch_id', '=', b.id)
      .where('cleared_at', 'is', null)
      .execute()
    expect(open).toEqual([])
    const notes = await db.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', storekeeper)
      .where('body', 'like', '%Л-6%')
      .execute()
    expect(notes.map((n) => n.kind).sort()).toEqual([
      'stock.expired',
      'stock.expiring',
      'stock.low',
    ])
  })
})
