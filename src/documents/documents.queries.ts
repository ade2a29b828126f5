import { sql } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
import { keysetPage } from '../lib/keyset.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import type { SaveResult } from '../lib/versioned.ts'
import type { DocumentInput, DocumentQuery } from './documents.schema.ts'
import type { DocumentRow } from './documents.table.ts'
import { overdueBefore } from './state.ts'
import { cachedReference } from '../reference/cache.ts'

const searchOf = (
  d: Pick<DocumentInput, 'number' | 'title' | 'notes'>,
  recipient?: string | null,
) => searchText(d.number, d.title, d.notes, recipient)

// Documents the user may see: of visible projects, and only with documents.read.
export function visibleDocuments(db: Db, user: CurrentUser) {
  return db
    .selectFrom('documents')
    .innerJoin('projects', 'projects.id', 'documents.project_id')
    .innerJoin('document_types as t', 't.id', 'documents.type_id')
    .where(visibleProjects(user))
    .where('projects.deleted_at', 'is', null)
    .where('documents.deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'documents.read')))
}

function filtered(
  db: Db,
  user: CurrentUser,
  q: DocumentQuery,
  opts: { today: string; overdueDays: number },
) {
  let qb = visibleDocuments(db, user)
  if (q.project) qb = qb.where('documents.project_id', '=', q.project)
  if (q.q) qb = qb.where('documents.search', 'like', `%${searchText(q.q)}%`)
  if (q.type) qb = qb.where('documents.type_id', '=', q.type)
  if (q.recipient)
    qb = qb.where(sql`lower(documents.recipient)`, 'like', `%${searchText(q.recipient)}%`)
  if (q.from) qb = qb.where('documents.doc_date', '>=', q.from)
  if (q.to) qb = qb.where('documents.doc_date', '<=', q.to)
  if (q.overdue)
    qb = qb
      .where('documents.state', '=', 'shipped')
      .where('documents.shipped_on', '<', overdueBefore(opts.today, opts.overdueDays))
  return qb
}

const columns = [
  'documents.id',
  'documents.project_id',
  'documents.type_id',
  'documents.number',
  'documents.title',
  'documents.doc_date',
  'documents.sheets',
  'documents.notes',
  'documents.state',
  'documents.recipient',
  'documents.shipped_on',
  'documents.returned_on',
  'documents.condition',
  'documents.version',
  'documents.updated_at',
  't.short_name as type_short',
  't.name as type_name',
  'projects.code as project_code',
  'projects.short_name as project_name',
] as const

export async function listDocuments(
  db: Db,
  user: CurrentUser,
  q: DocumentQuery,
  opts: { today: string; overdueDays: number; limit?: number },
) {
  let qb = filtered(db, user, q, opts).select(columns)
  if (q.state) qb = qb.where('documents.state', '=', q.state)
  const sort = { column: 'documents.id', dir: 'desc', idColumn: 'documents.id' } as const
  return keysetPage(qb, sort, q.after, (r) => [r.id, r.id], opts.limit)
}
export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>['rows'][number]

// Counts per state for the same filters (all states, so the tabs show what each holds).
export async function countByState(
  db: Db,
  user: CurrentUser,
  q: DocumentQuery,
  opts: { today: string; overdueDays: number },
) {
  const rows = await filtered(db, user, q, opts)
    .select(['documents.state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('documents.state')
    .execute()
  const out = { in_office: 0, shipped: 0, returned: 0 }
  for (const r of rows) out[r.state] = Number(r.n)
  return out
}

export async function findDocumentFor(db: Db, user: CurrentUser, id: number) {
  return (
    (await visibleDocuments(db, user)
      .select(columns)
      .where('documents.id', '=', id)
      .executeTakeFirst()) ?? null
  )
}

export const documentRowById = (db: Db, id: number) =>
  db
    .selectFrom('documents')
    .innerJoin('projects', 'projects.id', 'documents.project_id')
    .innerJoin('document_types as t', 't.id', 'documents.type_id')
    .select(columns)
    .where('documents.id', '=', id)
    .executeTakeFirst()

export const documentTypes = (db: Db) =>
  cachedReference(db, 'document_types', 'active', () =>
    db
      .selectFrom('document_types')
      .select(['id', 'name', 'short_name'])
      .where('deleted_at', 'is', null)
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
  )

export async function createDocument(
  db: Db,
  actor: Actor,
  projectId: number,
  input: DocumentInput,
) {
  return db.transaction().execute(async (trx) => {
    const now = nowIso()
    const row = await trx
      .insertInto('documents')
      .values({
        ...input,
        project_id: projectId,
        state: 'in_office',
        search: searchOf(input),
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
      entityId: row.id,
      after: row,
    })
    return row
  })
}

export const updateDocument = (
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  input: DocumentInput,
  lockToken?: string,
): Promise<SaveResult<DocumentRow>> =>
  updateVersioned(
    db,
    actor,
    { table: 'documents', entity: 'document', id, version, lockToken },
    (before) => ({
      ...input,
      search: searchOf(input, before.recipient),
    }),
  )

export const documentHistory = (db: Db, documentId: number) =>
  db
    .selectFrom('document_movements as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('transmittals as tr', 'tr.id', 'm.transmittal_id')
    .select([
      'm.id',
      'm.kind',
      'm.on_date',
      'm.recipient',
      'm.method',
      'm.condition',
      'm.notes',
      'm.created_at',
      'm.transmittal_id',
      'tr.number as transmittal_number',
      'u.full_name as by_name',
    ])
    .where('m.document_id', '=', documentId)
    .orderBy('m.id', 'desc')
    .limit(200)
    .execute()
