import { z } from 'zod'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { optionalDate, optionalText } from '../lib/forms.ts'
import type { BatchDocumentKind } from './stock.table.ts'

// The documents of a batch that go into the executive documentation.
export const DOCUMENT_KINDS: Record<BatchDocumentKind, string> = {
  passport: 'Паспорт качества',
  certificate: 'Сертификат / декларация соответствия',
  sampling_act: 'Акт отбора проб',
  lab_report: 'Протокол испытаний',
}

export const batchDocumentForm = z.object({
  kind: z.enum(Object.keys(DOCUMENT_KINDS) as [BatchDocumentKind], {
    error: 'Выберите вид документа',
  }),
  number: optionalText(100),
  issued_on: optionalDate(),
})

export const batchDocuments = (db: Db, batchId: number) =>
  db
    .selectFrom('stock_batch_documents as d')
    .leftJoin('files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.kind', 'd.number', 'd.issued_on', 'd.file_id', 'f.original_name'])
    .where('d.batch_id', '=', batchId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.id')
    .execute()
export type BatchDocumentRow = Awaited<ReturnType<typeof batchDocuments>>[number]

export async function addBatchDocument(
  db: Db,
  actor: Actor,
  batchId: number,
  data: z.output<typeof batchDocumentForm>,
  fileId: number | null,
) {
  return db.transaction().execute(async (trx) => {
    const now = nowIso()
    const row = await trx
      .insertInto('stock_batch_documents')
      .values({
        batch_id: batchId,
        kind: data.kind,
        number: data.number,
        issued_on: data.issued_on,
        file_id: fileId,
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'stock_batch.document',
      entityType: 'stock_batch',
      entityId: batchId,
      after: row,
    })
    return row
  })
}
