import type { Actor } from '../app-env.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import type { CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { nowIso } from '../db/business.ts'
import { reconcileAlerts } from '../stock/alerts.ts'
import { addBatchDocument } from '../stock/batch-documents.ts'
import { receiveBatch } from '../stock/batches.queries.ts'
import { applyMovement } from '../stock/ledger.ts'
import { createRequest, findRequestFor } from '../stock/requests/requests.queries.ts'
import { moveRequest } from '../stock/requests/requests.workflow.ts'
import type { BatchDocumentKind } from '../stock/stock.table.ts'

const day = (shift: number) =>
  new Date(Date.now() + 3 * 3600_000 + shift * 86400_000).toISOString().slice(0, 10)

interface DemoBatch {
  material: string
  number: string
  qty: number
  received: number // days ago
  made: number // days ago
  shelf: number // months
  manufacturer: string
  warehouse: 0 | 1
  docs: BatchDocumentKind[]
  issue?: number // issued to the first project
  writeoff?: number
  blocked?: string
}

const ALL_DOCS: BatchDocumentKind[] = ['passport', 'certificate', 'sampling_act', 'lab_report']

// A warehouse a newcomer recognises: thermoplastic, cold plastic, paint and beads in batches
// with their documents, one running low, one about to expire, one expired, one blocked, one
// without its certificate; issues to the sites, consumption from the work log, requests.
const BATCHES: DemoBatch[] = [
  {
    material: 'tp',
    number: 'ТП-2611',
    qty: 12_000,
    received: 40,
    made: 60,
    shelf: 12,
    manufacturer: 'ООО «Технолайн»',
    warehouse: 0,
    docs: ALL_DOCS,
    issue: 6_000,
  },
  {
    material: 'tp',
    number: 'ТП-2598',
    qty: 8_000,
    received: 75,
    made: 110,
    shelf: 12,
    manufacturer: 'ООО «Технолайн»',
    warehouse: 0,
    docs: ALL_DOCS,
    issue: 5_000,
    writeoff: 1_600,
  },
  {
    material: 'tpj',
    number: 'ТПЖ-0412',
    qty: 2_000,
    received: 30,
    made: 45,
    shelf: 12,
    manufacturer: 'АО «Дорсигнал»',
    warehouse: 0,
    docs: ['passport', 'certificate'],
    blocked: 'Протокол испытаний: время высыхания выше нормы, ждём повторных испытаний',
  },
  {
    material: 'hp',
    number: 'ХП-1187',
    qty: 3_000,
    received: 20,
    made: 140,
    shelf: 6,
    manufacturer: 'ООО «Колдпласт»',
    warehouse: 0,
    docs: ALL_DOCS,
    issue: 300,
    writeoff: 2_450,
  },
  {
    material: 'kraska_b',
    number: 'АК-511-0932',
    qty: 4_000,
    received: 15,
    made: 30,
    shelf: 6,
    manufacturer: 'ЗАО «Эмаль»',
    warehouse: 1,
    docs: ['passport', 'certificate', 'lab_report'],
    issue: 1_200,
  },
  {
    material: 'kraska_b',
    number: 'АК-511-0711',
    qty: 1_500,
    received: 200,
    made: 200,
    shelf: 6,
    manufacturer: 'ЗАО «Эмаль»',
    warehouse: 1,
    docs: ['passport', 'certificate'],
  },
  {
    material: 'kraska_j',
    number: 'АК-511Ж-0655',
    qty: 800,
    received: 120,
    made: 165,
    shelf: 6,
    manufacturer: 'ЗАО «Эмаль»',
    warehouse: 1,
    docs: ['passport', 'certificate'],
  },
  {
    material: 'beads',
    number: 'СШ-3340',
    qty: 2_500,
    received: 10,
    made: 40,
    shelf: 24,
    manufacturer: 'ООО «Стеклосфера»',
    warehouse: 0,
    docs: ['passport'],
    issue: 400,
  },
]

export async function seedDemoStock(
  db: Db,
  ids: Record<string, number>,
  projects: { id: number; code: string }[],
) {
  const store: Actor = { userId: ids['store.morozova'], ip: 'seed-demo', requestId: null }
  const now = nowIso()
  const second = await db
    .insertInto('warehouses')
    .values({
      name: 'Склад участка №2 (Тверь)',
      address: 'Тверь, ул. Складская, 4',
      created_at: now,
      updated_at: now,
      created_by: ids.director,
      updated_by: ids.director,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const warehouses = [1, second.id]
  const materials = new Map(
    (await db.selectFrom('materials').select(['id', 'code']).execute()).map((m) => [m.code, m.id]),
  )
  const batchIds: Record<string, number> = {}
  for (const b of BATCHES) {
    const batch = await receiveBatch(
      db,
      store,
      {
        number: b.number,
        material_id: materials.get(b.material)!,
        warehouse_id: warehouses[b.warehouse],
        location: `Стеллаж ${1 + (b.number.length % 4)}, ряд ${1 + (b.qty % 3)}`,
        manufacturer: b.manufacturer,
        supplier: 'ООО «ДорСнаб»',
        manufactured_on: day(-b.made),
        shelf_life_months: b.shelf,
        expires_on: null,
        received_on: day(-b.received),
        received_qty: b.qty,
        notes: null,
        request_id: null,
      },
      day(0),
    )
    // The expiry follows from the manufacture date and the shelf life, as the receipt form does.
    const expires = new Date(`${day(-b.made)}T00:00:00Z`)
    expires.setUTCMonth(expires.getUTCMonth() + b.shelf)
    await db
      .updateTable('stock_batches')
      .set({ expires_on: expires.toISOString().slice(0, 10) })
      .where('id', '=', batch.id)
      .execute()
    batchIds[b.number] = batch.id
    for (const [i, kind] of b.docs.entries())
      await addBatchDocument(
        db,
        store,
        batch.id,
        { kind, number: `${b.number}/${i + 1}`, issued_on: day(-b.received - 2) },
        null,
      )
    if (b.issue)
      await applyMovement(
        db,
        store,
        {
          batchId: batch.id,
          kind: 'issue',
          quantity: b.issue,
          movedOn: day(-b.received + 2),
          projectId: projects[0].id,
          reason: 'Требование-накладная',
        },
        day(0),
      )
    if (b.writeoff)
      await applyMovement(
        db,
        store,
        {
          batchId: batch.id,
          kind: 'writeoff',
          quantity: b.writeoff,
          movedOn: day(-5),
          reason:
            b.material === 'hp'
              ? 'Комкование при хранении, акт № 14'
              : 'Потери при разогреве в котле',
        },
        day(0),
      )
    if (b.blocked)
      await db
        .updateTable('stock_batches')
        .set({ blocked: 1, blocked_reason: b.blocked })
        .where('id', '=', batch.id)
        .execute()
  }

  // The work log names the batch on the last week's thermoplastic lines; most are confirmed.
  const entries = await db
    .selectFrom('worklog_entries')
    .select(['id', 'area_m2', 'work_date', 'crew_id', 'project_id'])
    .where('project_id', '=', projects[0].id)
    .where('material_code', '=', 'tp')
    .where('work_date', '>=', day(-7))
    .orderBy('id')
    .execute()
  const foreman: Actor = { userId: ids['foreman.volkov'], ip: 'seed-demo', requestId: null }
  for (const [i, e] of entries.entries()) {
    const batchId = i % 2 ? batchIds['ТП-2598'] : batchIds['ТП-2611']
    await db
      .updateTable('worklog_entries')
      .set({ batch_id: batchId })
      .where('id', '=', e.id)
      .execute()
    if (i >= entries.length - 3) continue // waiting for confirmation
    await applyMovement(
      db,
      foreman,
      {
        batchId,
        kind: 'consumption',
        quantity: Math.round(e.area_m2 * 4.5 * 10) / 10,
        movedOn: e.work_date,
        projectId: e.project_id,
        crewId: e.crew_id,
        worklogEntryId: e.id,
      },
      day(0),
    )
  }

  // Stock control as the hourly pass would see it: alerts, notifications and a draft request.
  await reconcileAlerts(db, day(0))

  const hp = materials.get('hp')!
  const paint = materials.get('kraska_b')!
  const names = (m: string, code: string) => ({
    material_name: m,
    unit: 'kg' as const,
    project_code: code,
  })
  const p0 = projects[0]
  const p1 = projects[1] ?? projects[0]
  const volkov: Actor = foreman
  const chief: Actor = { userId: ids['chief.petrov'], ip: 'seed-demo', requestId: null }
  await createRequest(
    db,
    volkov,
    {
      project_id: p0.id,
      material_id: hp,
      quantity: 1_500,
      reason: 'Стрелы и «зебры» на пересечениях, км 12–18',
      needed_by: day(7),
    },
    names('ХП (холодный пластик)', p0.code),
  )
  const approved = await createRequest(
    db,
    chief,
    {
      project_id: p1.id,
      material_id: paint,
      quantity: 2_000,
      reason: 'Временная разметка на период ремонта',
      needed_by: day(5),
    },
    names('Краска белая', p1.code),
  )
  const rejected = await createRequest(
    db,
    chief,
    {
      project_id: p1.id,
      material_id: hp,
      quantity: 5_000,
      reason: 'Запас на следующий месяц',
      needed_by: day(20),
    },
    names('ХП (холодный пластик)', p1.code),
  )
  const director = (await loadCurrentUser(db, ids.director)) as CurrentUser
  const dActor: Actor = { userId: ids.director, ip: 'seed-demo', requestId: null }
  for (const [r, action, reason] of [
    [approved, 'approve', 'Согласовано, закупить у ООО «ДорСнаб»'],
    [rejected, 'reject', 'На складе есть ХП-1187, заявка избыточна'],
  ] as const) {
    const row = await findRequestFor(db, director, r.row.id)
    if (row) await moveRequest(db, dActor, row, action, row.version, { reason })
  }
  const batches = await db.selectFrom('stock_batches').select('id').execute()
  const requests = (await db.selectFrom('material_requests').select('id').execute()).length
  return { batches: batches.length, requests }
}
