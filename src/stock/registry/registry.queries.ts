import type { Db } from '../../db/connect.ts'
import { formatDate, formatNumber } from '../../lib/format.ts'
import { round3 } from '../ledger.ts'
import type { BatchDocumentKind, StockBatchDocument } from '../stock.table.ts'
import { UNIT_LABELS } from '../units.ts'
import type { Period } from './registry.schema.ts'

// «Реестр применяемых материалов» of a project: every batch consumed on it (consumption
// movements carrying the project), one row per batch with the quantity consumed in the period,
// and the batch's quality documents. Issues to the project are not counted: issued material may
// still come back to the warehouse; only consumption is material laid on the road.

// A register longer than this is cut (and says so): a project uses tens of batches, not
// thousands, and the page, the PDF and the attach request all hold it in memory at once.
export const MAX_ROWS = 1000

export type RegisterDoc = Pick<StockBatchDocument, 'kind' | 'number' | 'issued_on'>

function consumedBatches(db: Db, projectId: number, period: Period) {
  return db
    .selectFrom('stock_movements as sm')
    .innerJoin('stock_batches as b', 'b.id', 'sm.batch_id')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .where('sm.kind', '=', 'consumption')
    .where('sm.project_id', '=', projectId)
    .where('b.deleted_at', 'is', null)
    .$if(!!period.from, (q) => q.where('sm.moved_on', '>=', period.from!))
    .$if(!!period.to, (q) => q.where('sm.moved_on', '<=', period.to!))
    .select([
      'b.id as batch_id',
      'b.number',
      'b.manufacturer',
      'b.manufactured_on',
      'b.expires_on',
      'm.name as material_name',
      'm.unit',
    ])
    .select((e) => e.fn.sum<number>('sm.quantity').as('quantity'))
    .groupBy([
      'b.id',
      'b.number',
      'b.manufacturer',
      'b.manufactured_on',
      'b.expires_on',
      'm.id',
      'm.name',
      'm.unit',
      'm.sort_order',
    ])
    .orderBy('m.sort_order')
    .orderBy('m.name')
    .orderBy('b.number')
    .orderBy('b.id')
    .limit(MAX_ROWS + 1)
}

// Two queries whatever the length: the batches, then the documents of all of them.
export async function loadRegister(db: Db, projectId: number, period: Period) {
  const found = await consumedBatches(db, projectId, period).execute()
  const truncated = found.length > MAX_ROWS
  const batches = found.slice(0, MAX_ROWS)
  const docs = batches.length
    ? await db
        .selectFrom('stock_batch_documents')
        .select(['batch_id', 'kind', 'number', 'issued_on'])
        .where(
          'batch_id',
          'in',
          batches.map((b) => b.batch_id),
        )
        .where('deleted_at', 'is', null)
        .orderBy('batch_id')
        .orderBy('id')
        .execute()
    : []
  const byBatch = new Map<number, RegisterDoc[]>()
  for (const d of docs) byBatch.set(d.batch_id, [...(byBatch.get(d.batch_id) ?? []), d])
  const rows = batches.map((b) => {
    const documents: Record<BatchDocumentKind, RegisterDoc[]> = {
      passport: [],
      certificate: [],
      sampling_act: [],
      lab_report: [],
    }
    for (const d of byBatch.get(b.batch_id) ?? []) documents[d.kind]?.push(d)
    return { ...b, quantity: round3(Number(b.quantity)), documents }
  })
  return { rows, truncated }
}
export type Register = Awaited<ReturnType<typeof loadRegister>>
export type RegisterRow = Register['rows'][number]

export const hasCertificate = (r: RegisterRow) => r.documents.certificate.length > 0

// «1 234,5 кг»
export const quantityText = (r: Pick<RegisterRow, 'quantity' | 'unit'>) =>
  `${formatNumber(r.quantity)} ${UNIT_LABELS[r.unit]}`

// «№ С-17 от 01.10.2026»; a document row without either still shows it exists.
export const docText = (d: RegisterDoc) =>
  [d.number && `№ ${d.number}`, d.issued_on && `от ${formatDate(d.issued_on)}`]
    .filter(Boolean)
    .join(' ') || 'есть'
