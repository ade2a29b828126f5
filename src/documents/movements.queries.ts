import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import { isPostgres, isUniqueViolation, type Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
import type { ReturnInput, ShipmentInput } from './documents.schema.ts'
import type { Transmittal } from './documents.table.ts'
import { movementProblem, nextState } from './state.ts'

export type Movement = ({ kind: 'shipment' } & ShipmentInput) | ({ kind: 'return' } & ReturnInput)

// Refused movements: nothing was written; each message names its document.
export class MovementRefused extends Error {
  constructor(public problems: string[]) {
    super(problems.join('; '))
  }
}

// Ship or return several documents of one project at once: all or nothing, each audited.
export async function registerMovements(
  db: Db,
  actor: Actor,
  projectId: number,
  documentIds: number[],
  m: Movement,
  transmittalId: number | null = null,
) {
  if (!documentIds.length) throw new MovementRefused(['Не выбрано ни одного документа'])
  let q = db
    .selectFrom('documents')
    .selectAll()
    .where('id', 'in', documentIds)
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
  if (isPostgres(db)) q = q.forUpdate() // two engineers shipping the same document: one waits
  const docs = await q.execute()
  if (docs.length !== new Set(documentIds).size)
    throw new MovementRefused(['Часть документов не найдена в этом проекте'])
  const problems = docs
    .map((d) => movementProblem(d, m.kind, m.on_date))
    .filter((p): p is string => !!p)
  if (problems.length) throw new MovementRefused(problems)
  const now = nowIso()
  await db
    .insertInto('document_movements')
    .values(
      docs.map((d) => ({
        document_id: d.id,
        kind: m.kind,
        on_date: m.on_date,
        recipient: m.kind === 'shipment' ? m.recipient : d.recipient,
        method: m.kind === 'shipment' ? m.method : null,
        condition: m.kind === 'return' ? m.condition : null,
        notes: m.notes,
        transmittal_id: transmittalId,
        created_at: now,
        created_by: actor.userId,
      })),
    )
    .execute()
  for (const d of docs) {
    const change =
      m.kind === 'shipment'
        ? { recipient: m.recipient, shipped_on: m.on_date, returned_on: null, condition: null }
        : { returned_on: m.on_date, condition: m.condition }
    await db
      .updateTable('documents')
      .set({
        ...change,
        state: nextState(m.kind),
        search: searchText(
          d.number,
          d.title,
          d.notes,
          m.kind === 'shipment' ? m.recipient : d.recipient,
        ),
        version: d.version + 1,
        updated_at: now,
        updated_by: actor.userId,
      })
      .where('id', '=', d.id)
      .execute()
    await audit(db, actor, {
      action: m.kind === 'shipment' ? 'document.ship' : 'document.return',
      entityType: 'document',
      entityId: d.id,
      before: { state: d.state, recipient: d.recipient },
      after: { ...change, state: nextState(m.kind), transmittal_id: transmittalId },
    })
  }
  return docs.map((d) => d.id)
}

export const shipOrReturn = (db: Db, actor: Actor, projectId: number, ids: number[], m: Movement) =>
  db.transaction().execute((trx) => registerMovements(trx, actor, projectId, ids, m))

// One act for several documents, numbered per project without gaps or duplicates even when
// two engineers create acts at the same moment (the unique (project, seq) decides; retry).
export async function createTransmittal(
  db: Db,
  actor: Actor,
  project: { id: number; code: string },
  documentIds: number[],
  input: ShipmentInput,
): Promise<Transmittal> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('transmittals')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('project_id', '=', project.id)
          .executeTakeFirst()
        const seq = Number(last?.seq ?? 0) + 1
        const t = await trx
          .insertInto('transmittals')
          .values({
            project_id: project.id,
            seq,
            number: `${project.code}-ПД-${String(seq).padStart(3, '0')}`,
            recipient: input.recipient,
            sent_on: input.on_date,
            method: input.method,
            notes: input.notes,
            created_at: nowIso(),
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await registerMovements(
          trx,
          actor,
          project.id,
          documentIds,
          { kind: 'shipment', ...input },
          t.id,
        )
        await audit(trx, actor, {
          action: 'transmittal.create',
          entityType: 'transmittal',
          entityId: t.id,
          after: { ...t, documentIds },
        })
        return t
      })
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 10) throw e
    }
  }
}

export async function transmittalWithDocuments(db: Db, id: number) {
  const t = await db.selectFrom('transmittals').selectAll().where('id', '=', id).executeTakeFirst()
  if (!t) return null
  const docs = await db
    .selectFrom('document_movements as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .innerJoin('document_types as ty', 'ty.id', 'd.type_id')
    .select(['d.id', 'd.number', 'd.title', 'd.doc_date', 'd.sheets', 'ty.name as type_name'])
    .where('m.transmittal_id', '=', id)
    .orderBy('d.number')
    .execute()
  return { ...t, documents: docs }
}
