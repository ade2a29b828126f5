import type { DocumentState } from '../documents/documents.table.ts'
import { searchText } from '../lib/format.ts'
import { DocTypes } from './doc-types.ts'
import { findProject } from './import-projects.ts'
import { holdingProject } from './made-once.ts'
import { byDate, importMovements, movementsOf } from './doc-movements.ts'
import type { Run, Tally } from './run.ts'
import { norm, text, type LegacyFile, type Row, type Source } from './source.ts'
import { moscowLocalDate, moscowLocalToUtc } from './time.ts'

// One legacy document row of either file, in one shape.
export interface Member {
  source: Source
  id: number
  number: string | null
  title: string | null
  project: string | null
  legacyTypeId: number | null // main: document_types.id
  typeText: string | null // pto: free text
  status: DocumentState | null
  date: string | null
  by: number | null
  createdAt: string | null
  updatedAt: string | null
  tally: Tally
}

const STATUSES: Record<string, DocumentState> = {
  in_office: 'in_office',
  'в наличии': 'in_office',
  'в офисе': 'in_office',
  shipped: 'shipped',
  отправлен: 'shipped',
  отправлено: 'shipped',
  returned: 'returned',
  возвращен: 'returned',
  возвращено: 'returned',
}
export const documentState = (v: unknown): DocumentState | null => STATUSES[norm(v)] ?? null

// The same document in both files is one registry entry: number + title, case and spaces aside.
export const documentKey = (number: unknown, title: unknown) =>
  `${norm(number)}\u0000${norm(title)}`

function members(run: Run, main: LegacyFile, pto: LegacyFile | null): Member[] {
  const m = run.tally('main', 'documents')
  const out: Member[] = main.rows<Row>('documents').map((r) => ({
    source: 'main',
    id: Number(r.id),
    number: text(r.doc_number),
    title: text(r.title),
    project: text(r.project_id),
    legacyTypeId: r.document_type_id == null ? null : Number(r.document_type_id),
    typeText: null,
    status: documentState(r.status),
    date: null,
    by: null,
    createdAt: moscowLocalToUtc(r.created_at),
    updatedAt: moscowLocalToUtc(r.updated_at),
    tally: m,
  }))
  if (!pto) return out
  const p = run.tally('pto', 'documents')
  for (const r of pto.rows<Row>('documents'))
    out.push({
      source: 'pto',
      id: Number(r.id),
      number: text(r.doc_number),
      title: text(r.doc_title),
      project: text(r.project_number),
      legacyTypeId: null,
      typeText: text(r.doc_type),
      status: documentState(r.status),
      date: moscowLocalDate(r.issue_date),
      by: run.key('pto', 'users', r.created_by)?.entity_id ?? null,
      createdAt: moscowLocalToUtc(r.created_at),
      updatedAt: moscowLocalToUtc(r.updated_at),
      tally: p,
    })
  return out
}

// documents (main) + documents (pto) → the registry, with shipments and returns as each
// entry's movement history in date order.
export async function importDocuments(run: Run, main: LegacyFile, pto: LegacyFile | null) {
  const groups = new Map<string, Member[]>()
  for (const m of members(run, main, pto)) {
    m.tally.read()
    if (!m.number || !m.title) {
      m.tally.skip(m.id, 'Нет номера или наименования документа')
      continue
    }
    const key = documentKey(m.number, m.title)
    groups.set(key, [...(groups.get(key) ?? []), m])
  }
  const moves = movementsOf(run, main, pto)
  const registry = new Map<string, number>()
  for (const d of await run.trx
    .selectFrom('documents')
    .select(['id', 'number', 'title'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute())
    if (!registry.has(documentKey(d.number, d.title)))
      registry.set(documentKey(d.number, d.title), d.id)

  for (const [key, group] of groups) {
    const known = group.map((m) => run.key(m.source, 'documents', m.id)).find(Boolean)
    let docId = known?.entity_id ?? registry.get(key) ?? null
    let author: Member | null = null
    if (!docId) {
      author = group.find((m) => !run.key(m.source, 'documents', m.id)) ?? group[0]
      docId = await createDocument(run, group)
      registry.set(key, docId)
    }
    for (const m of group) {
      if (run.key(m.source, 'documents', m.id)) m.tally.merged()
      else {
        await run.remember(m.source, 'documents', m.id, 'document', docId)
        if (m === author) m.tally.imported()
        else m.tally.merged()
      }
    }
    const own = group.flatMap((m) => moves.take(m.source, m.id)).sort(byDate)
    await importMovements(run, docId, own)
  }
  moves.skipOrphans()
}

async function createDocument(run: Run, group: Member[]) {
  const first = group[0]
  const types = await DocTypes.load(run)
  const main = group.find((m) => m.source === 'main' && m.legacyTypeId != null)
  const typeId =
    (main && run.key('main', 'document_types', main.legacyTypeId)?.entity_id) ??
    (await types.closest(group.find((m) => m.typeText)?.typeText ?? null))
  const projectText = group.find((m) => m.project)?.project ?? null
  const found = await findProject(run, projectText)
  const notes = projectText && !found ? `Объект в прежней программе: «${projectText}»` : null
  const values = {
    project_id: found ?? (await holdingProject(run)),
    type_id: typeId,
    number: first.number!,
    title: first.title!,
    doc_date: group.find((m) => m.date)?.date ?? null,
    sheets: null,
    notes,
    state: group.find((m) => m.status)?.status ?? 'in_office',
    recipient: null,
    shipped_on: null,
    returned_on: null,
    condition: null,
    legacy_key: `${first.source}:documents:${first.id}`,
    search: searchText(first.number, first.title, notes),
    ...run.stamp(first.createdAt, group.find((m) => m.by)?.by ?? null, first.updatedAt),
  }
  const row = await run.trx
    .insertInto('documents')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow()
  run.made.add(`document:${row.id}`)
  await run.audit('document.create', 'document', row.id, row)
  return row.id
}
