import type { Actor } from '../../app-env.ts'
import { audit } from '../../audit/audit.ts'
import type { Config } from '../../config.ts'
import { nowIso } from '../../db/business.ts'
import type { Db } from '../../db/connect.ts'
import { moscowToday } from '../../documents/state.ts'
import { storeUpload } from '../../files/storage.ts'
import { searchText } from '../../lib/format.ts'
import { REGISTER_TITLE } from './kinds.ts'
import { renderRegisterPdf } from './register-pdf.ts'
import { registerFileName, type RegisterSubject } from './register-subject.ts'

// The document type the register files under: seeded by the documents migration; an admin may
// have removed it since, and then it is made again here (in the caller's transaction).
async function registerType(trx: Db, actor: Actor) {
  const found = await trx
    .selectFrom('document_types')
    .select('id')
    .where('name', '=', REGISTER_TITLE)
    .executeTakeFirst()
  if (found) return found.id
  const now = nowIso()
  const row = await trx
    .insertInto('document_types')
    .values({
      name: REGISTER_TITLE,
      short_name: 'РПМ',
      sort_order: 15,
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
      updated_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(trx, actor, {
    action: 'document_type.create',
    entityType: 'document_type',
    entityId: row.id,
    after: row,
  })
  return row.id
}

// The register as a PDF in the project's executive documentation: a new document (РПМ-n of
// the project) with the file as its first version, both audited in one transaction. The file's
// bytes are stored first (storeUpload has its own transaction); a failure after that leaves an
// unreferenced file row, as an interrupted upload does.
export async function attachRegister(
  db: Db,
  actor: Actor,
  config: Pick<Config, 'UPLOAD_DIR' | 'UPLOAD_MAX_MB'>,
  s: RegisterSubject,
) {
  const { bytes, sheets } = await renderRegisterPdf(s)
  const file = await storeUpload(
    db,
    actor,
    config,
    new File([new Uint8Array(bytes)], registerFileName(s, 'pdf')),
    { allowed: ['pdf'] },
  )
  return db.transaction().execute(async (trx) => {
    const typeId = await registerType(trx, actor)
    const earlier = await trx
      .selectFrom('documents')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('project_id', '=', s.project.id)
      .where('type_id', '=', typeId)
      .executeTakeFirstOrThrow()
    const now = nowIso()
    const input = {
      type_id: typeId,
      number: `РПМ-${Number(earlier.n) + 1}`,
      title: `${REGISTER_TITLE} ${s.periodText}`,
      doc_date: moscowToday(),
      sheets,
      notes: `Сформирован по складскому учёту: партий — ${s.register.rows.length}`,
    }
    const doc = await trx
      .insertInto('documents')
      .values({
        ...input,
        project_id: s.project.id,
        state: 'in_office',
        search: searchText(input.number, input.title, input.notes),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'document.create',
      entityType: 'document',
      entityId: doc.id,
      after: doc,
    })
    const link = {
      document_id: doc.id,
      file_id: file.id,
      version: 1,
      created_at: now,
      created_by: actor.userId,
    }
    await trx.insertInto('document_files').values(link).execute()
    await audit(trx, actor, {
      action: 'document.file',
      entityType: 'document',
      entityId: doc.id,
      after: { ...link, name: file.original_name },
    })
    return doc
  })
}
