import type { DocumentMovement } from '../documents/documents.table.ts'
import { searchText } from '../lib/format.ts'
import type { Run, Tally } from './run.ts'
import { norm, text, type LegacyFile, type Row, type Source } from './source.ts'
import { moscowLocalDate, moscowLocalToUtc } from './time.ts'

export interface Move {
  source: Source
  table: string
  id: number
  docId: number
  kind: 'shipment' | 'return'
  date: string | null
  recipient: string | null
  condition: 'signed' | 'remarks' | 'unsigned' | null
  notes: string | null
  by: number | null
  createdAt: string | null
  tally: Tally
}

// «подписан» / «с замечаниями» / «не подписан» (or the codes); other words stay in the notes.
export function conditionOf(v: unknown): { condition: Move['condition']; note: string | null } {
  const n = norm(v)
  if (!n) return { condition: null, note: null }
  if (/не ?подписан|unsigned/.test(n)) return { condition: 'unsigned', note: null }
  if (/замечан|remarks/.test(n)) return { condition: 'remarks', note: null }
  if (/подписан|signed/.test(n)) return { condition: 'signed', note: null }
  return { condition: null, note: `Состояние: ${text(v)}` }
}

function move(
  run: Run,
  source: Source,
  table: string,
  kind: Move['kind'],
  r: Row,
): Omit<Move, 'tally'> {
  const shipment = kind === 'shipment'
  const cond = shipment ? { condition: null, note: null } : conditionOf(r.condition)
  const by = shipment ? r.shipped_by : r.returned_by
  return {
    source,
    table,
    id: Number(r.id),
    docId: Number(source === 'main' ? r.document_id : r.doc_id),
    kind,
    date: moscowLocalDate(shipment ? r.shipment_date : r.return_date),
    recipient: shipment ? text(r.recipient) : null,
    condition: cond.condition,
    notes: [text(r.notes), cond.note].filter(Boolean).join('; ') || null,
    by: by == null ? null : (run.key('pto', 'users', by)?.entity_id ?? null),
    createdAt: moscowLocalToUtc(r.created_at),
  }
}

// Shipments and returns of both files by the document they belong to; those whose document is
// not in the file are reported at the end.
export function movementsOf(run: Run, main: LegacyFile, pto: LegacyFile | null) {
  const byDoc = new Map<string, Move[]>()
  const tables: [LegacyFile | null, Source, string, Move['kind']][] = [
    [main, 'main', 'document_shipments', 'shipment'],
    [main, 'main', 'document_returns', 'return'],
    [pto, 'pto', 'shipments', 'shipment'],
    [pto, 'pto', 'returns', 'return'],
  ]
  for (const [file, source, table, kind] of tables) {
    if (!file) continue
    const tally = run.tally(source, table)
    for (const r of file.rows<Row>(table)) {
      const m = { ...move(run, source, table, kind, r), tally }
      const key = `${source}:${m.docId}`
      byDoc.set(key, [...(byDoc.get(key) ?? []), m])
    }
  }
  return {
    take(source: Source, docId: number) {
      const key = `${source}:${docId}`
      const list = byDoc.get(key) ?? []
      byDoc.delete(key)
      return list
    },
    skipOrphans() {
      for (const list of byDoc.values())
        for (const m of list) {
          m.tally.read()
          if (run.key(m.source, m.table, m.id)) m.tally.merged()
          else m.tally.skip(m.id, `Документ №${m.docId} не найден или не импортирован`)
        }
    },
  }
}

// Date order; a shipment before a return of the same day; the main file before the PTO one.
export const byDate = (a: Move, b: Move) =>
  (a.date ?? '').localeCompare(b.date ?? '') ||
  (a.kind === b.kind ? 0 : a.kind === 'shipment' ? -1 : 1) ||
  a.source.localeCompare(b.source) ||
  a.id - b.id

// The same shipment (day and recipient) or return (day) recorded in both files is one.
const sameAs = (kind: string, date: string, recipient: string | null) =>
  kind === 'shipment' ? `s|${date}|${norm(recipient)}` : `r|${date}`

export async function importMovements(run: Run, docId: number, moves: Move[]) {
  const existing = await run.trx
    .selectFrom('document_movements')
    .select(['id', 'kind', 'on_date', 'recipient'])
    .where('document_id', '=', docId)
    .execute()
  const seen = new Map(existing.map((e) => [sameAs(e.kind, e.on_date, e.recipient), e.id]))
  let recipient: string | null = null
  let added = 0
  for (const m of moves) {
    m.tally.read()
    if (m.kind === 'shipment') recipient = m.recipient
    if (run.key(m.source, m.table, m.id)) {
      m.tally.merged()
      continue
    }
    if (!m.date) {
      m.tally.skip(m.id, 'Нет даты')
      continue
    }
    const same = seen.get(sameAs(m.kind, m.date, m.recipient))
    if (same) {
      await run.remember(m.source, m.table, m.id, 'document_movement', same)
      m.tally.merged()
      continue
    }
    const row = await run.trx
      .insertInto('document_movements')
      .values({
        document_id: docId,
        kind: m.kind,
        on_date: m.date,
        recipient: m.kind === 'shipment' ? m.recipient : recipient,
        method: null,
        condition: m.condition,
        notes: m.notes,
        transmittal_id: null,
        created_at: m.createdAt ?? run.now,
        created_by: m.by ?? run.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    seen.set(sameAs(m.kind, m.date, m.recipient), row.id)
    await run.remember(m.source, m.table, m.id, 'document_movement', row.id)
    await run.audit(
      m.kind === 'shipment' ? 'document.ship' : 'document.return',
      'document',
      docId,
      row,
    )
    m.tally.imported()
    added++
  }
  if (added) await refreshState(run, docId)
}

// The document's state is where its last movement left it (the legacy status only for a
// document without movements): the old files did not always keep the two in step.
async function refreshState(run: Run, docId: number) {
  const list = (
    await run.trx
      .selectFrom('document_movements')
      .selectAll()
      .where('document_id', '=', docId)
      .execute()
  ).sort(
    (a, b) =>
      a.on_date.localeCompare(b.on_date) ||
      (a.kind === b.kind ? 0 : a.kind === 'shipment' ? -1 : 1) ||
      a.id - b.id,
  )
  const last = list.at(-1)
  if (!last) return
  const shipment = [...list].reverse().find((m) => m.kind === 'shipment') as
    | DocumentMovement
    | undefined
  const change =
    last.kind === 'shipment'
      ? {
          state: 'shipped' as const,
          recipient: last.recipient,
          shipped_on: last.on_date,
          returned_on: null,
          condition: null,
        }
      : {
          state: 'returned' as const,
          recipient: last.recipient ?? shipment?.recipient ?? null,
          shipped_on: shipment?.on_date ?? null,
          returned_on: last.on_date,
          condition: last.condition,
        }
  const doc = await run.trx
    .selectFrom('documents')
    .select(['number', 'title', 'notes', 'version'])
    .where('id', '=', docId)
    .executeTakeFirstOrThrow()
  const made = run.made.has(`document:${docId}`)
  await run.trx
    .updateTable('documents')
    .set({
      ...change,
      search: searchText(doc.number, doc.title, doc.notes, change.recipient),
      ...(made
        ? {}
        : { version: doc.version + 1, updated_at: run.now, updated_by: run.actor.userId }),
    })
    .where('id', '=', docId)
    .execute()
}
