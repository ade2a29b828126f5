import { formatDate, searchText } from '../lib/format.ts'
import { moveWithin } from '../stock/ledger.ts'
import { REQUEST_STATUSES } from '../stock/requests/requests.schema.ts'
import type { RequestStatus } from '../stock/stock.table.ts'
import { findProject } from './import-projects.ts'
import { warehouse } from './made-once.ts'
import type { Run } from './run.ts'
import { norm, numberOf, text, type LegacyFile, type Row } from './source.ts'
import { moscowLocalDate, moscowLocalToUtc } from './time.ts'

// materials → our materials by name: the same name, short name or code (case aside); an
// unknown one becomes a stocked material that is not a kind of work. The old description has
// no place here and is kept in the audit entry.
export async function importMaterials(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'materials')
  const ours = await run.trx
    .selectFrom('materials')
    .select(['id', 'code', 'name', 'short_name'])
    .where('deleted_at', 'is', null)
    .execute()
  for (const m of main.rows<Row>('materials')) {
    if (run.already(t, 'main', 'materials', m.id)) continue
    const name = text(m.name)
    if (!name) {
      t.skip(String(m.id), 'Пустое название материала')
      continue
    }
    const n = norm(name)
    const same = ours.find((o) => [o.name, o.short_name, o.code].some((v) => norm(v) === n))
    if (same) {
      await run.remember('main', 'materials', m.id, 'material', same.id)
      t.merged()
      continue
    }
    let code = `legacy_${m.id}`
    while (ours.some((o) => o.code === code)) code += '_'
    const row = await run.trx
      .insertInto('materials')
      .values({
        code,
        name,
        short_name: Array.from(name).slice(0, 30).join(''),
        sort_order: 1000 + Number(m.id),
        is_work: 0,
        stocked: 1,
        ...run.stamp(moscowLocalToUtc(m.created_at)),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    ours.push(row)
    await run.remember('main', 'materials', m.id, 'material', row.id)
    await run.audit('material.create', 'material', row.id, {
      ...row,
      legacy_description: text(m.description),
    })
    t.imported()
  }
}

// material_stocks → an opening balance: a batch «Остаток на <date>» in the main warehouse and
// its receipt. The old reserve and minimum have no column here (the threshold is a share of a
// batch, per material) and are written in the batch's notes.
export async function importStocks(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'material_stocks')
  for (const s of main.rows<Row>('material_stocks')) {
    if (run.already(t, 'main', 'material_stocks', s.id)) continue
    const material = run.key('main', 'materials', s.material_id)
    const qty = numberOf(s.quantity)
    if (!material) {
      t.skip(String(s.id), `Материал №${s.material_id} не найден`)
      continue
    }
    if (!qty || qty <= 0) {
      t.skip(String(s.id), 'Нулевой остаток: партия не создаётся')
      continue
    }
    const day = moscowLocalDate(s.last_updated ?? s.created_at) ?? run.today
    const notes = [
      'Остаток из прежней программы.',
      numberOf(s.reserved_quantity) ? `Резерв: ${numberOf(s.reserved_quantity)}.` : null,
      numberOf(s.min_threshold) ? `Минимальный остаток: ${numberOf(s.min_threshold)}.` : null,
    ]
      .filter(Boolean)
      .join(' ')
    const number = `Остаток на ${formatDate(day)}`
    const batch = await run.trx
      .insertInto('stock_batches')
      .values({
        number,
        material_id: material.entity_id,
        warehouse_id: await warehouse(run),
        location: text(s.location),
        manufacturer: null,
        supplier: null,
        manufactured_on: null,
        shelf_life_months: null,
        expires_on: null,
        received_on: day,
        received_qty: qty,
        notes,
        search: searchText(number, notes),
        legacy_key: `main:material_stocks:${s.id}`,
        ...run.stamp(moscowLocalToUtc(s.created_at)),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.audit('stock_batch.create', 'stock_batch', batch.id, batch)
    await moveWithin(
      run.trx,
      run.actor,
      { batchId: batch.id, kind: 'receipt', quantity: qty, movedOn: day },
      run.today,
    )
    await run.remember('main', 'material_stocks', s.id, 'stock_batch', batch.id)
    t.imported()
  }
}

export function requestStatus(v: unknown): RequestStatus | null {
  const n = norm(v)
  if (n in REQUEST_STATUSES) return n as RequestStatus
  const ru = Object.entries(REQUEST_STATUSES).find(([, label]) => norm(label) === n)
  return (ru?.[0] as RequestStatus) ?? null
}

// material_requests → material requests (source 'import'). Names that match no user are kept
// in the reason (requester) and the decision reason (who decided).
export async function importRequests(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'material_requests')
  for (const r of main.rows<Row>('material_requests')) {
    if (run.already(t, 'main', 'material_requests', r.id)) continue
    const material = run.key('main', 'materials', r.material_id)
    const status = requestStatus(r.status ?? 'pending')
    const quantity = numberOf(r.requested_quantity) ?? numberOf(r.needed_quantity)
    if (!material) t.skip(String(r.id), `Материал №${r.material_id} не найден`)
    else if (!status) t.skip(String(r.id), `Неизвестный статус «${text(r.status)}»`)
    else if (quantity == null) t.skip(String(r.id), 'Не указано количество')
    if (!material || !status || quantity == null) continue
    const requester =
      run.key('main', 'users', r.requester_id)?.entity_id ?? run.people.match(r.requested_by)
    const decider = run.people.match(r.approved_by)
    const decided = ['approved', 'rejected', 'fulfilled'].includes(status)
    const project = await findProject(run, r.project_id)
    const reason = [
      text(r.reason),
      !requester && text(r.requested_by) && `Заявитель: ${text(r.requested_by)}`,
      text(r.section_name) && `Участок: ${text(r.section_name)}`,
      !project && text(r.project_id) && `Объект в прежней программе: «${text(r.project_id)}»`,
      numberOf(r.available_quantity) != null && `В наличии было: ${numberOf(r.available_quantity)}`,
      numberOf(r.needed_quantity) != null && `Требовалось: ${numberOf(r.needed_quantity)}`,
    ]
      .filter(Boolean)
      .join('\n')
    const values = {
      project_id: project,
      material_id: material.entity_id,
      quantity,
      reason: reason || null,
      needed_by: null,
      status,
      source: 'import' as const,
      batch_id: null,
      decided_by: decided ? decider : null,
      decided_at: decided ? moscowLocalToUtc(r.approved_at) : null,
      decision_reason:
        decided && !decider && text(r.approved_by) ? `Решение: ${text(r.approved_by)}` : null,
      fulfilled_batch_id: null,
      fulfilled_at: status === 'fulfilled' ? moscowLocalToUtc(r.fulfilled_at) : null,
      legacy_key: `main:material_requests:${r.id}`,
      ...run.stamp(moscowLocalToUtc(r.created_at), requester, moscowLocalToUtc(r.updated_at)),
    }
    const row = await run.trx
      .insertInto('material_requests')
      .values(values)
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.remember('main', 'material_requests', r.id, 'material_request', row.id)
    await run.audit('material_request.create', 'material_request', row.id, row)
    t.imported()
  }
}
