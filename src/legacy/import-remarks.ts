import { remarkSearch } from '../remarks/remarks.queries.ts'
import { PRIORITIES, STATUSES } from '../remarks/remarks.schema.ts'
import type { RemarkPriority, RemarkStatus } from '../remarks/remarks.table.ts'
import { holdingProject } from './made-once.ts'
import { importPhoto, type LegacyPhoto } from './remark-photos.ts'
import type { Run } from './run.ts'
import { norm, text, type LegacyFile } from './source.ts'
import { moscowLocalDate, moscowLocalToUtc } from './time.ts'

interface LegacyRemark {
  id: number
  remark_number: string
  project_object_id: number
  title: string
  description: string | null
  status: string | null
  priority: string | null
  assigned_to: string | null
  deadline: string | null
  created_by: string | null
  created_at: string | null
  updated_at: string | null
}

export interface LegacyHistory {
  id: number
  remark_id: number
  old_status: string | null
  new_status: string
  comment: string | null
  changed_by: string | null
  changed_at: string | null
}

// Enum names (NEW, IN_PROGRESS …) as the old app stored them, their values, or Russian labels.
export function remarkStatus(v: unknown): RemarkStatus | null {
  const n = norm(v).replace(/ /g, '_')
  if (n in STATUSES) return n as RemarkStatus
  const ru = Object.entries(STATUSES).find(([, label]) => norm(label) === norm(v))
  return (ru?.[0] as RemarkStatus) ?? null
}

export function remarkPriority(v: unknown): RemarkPriority | null {
  const n = norm(v)
  if (n in PRIORITIES) return n as RemarkPriority
  if (n === 'medium') return 'normal'
  const ru = Object.entries(PRIORITIES).find(([, label]) => norm(label) === n)
  return (ru?.[0] as RemarkPriority) ?? null
}

const byRemark = <T extends { remark_id: number }>(rows: T[]) => {
  const m = new Map<number, T[]>()
  for (const r of rows) m.set(r.remark_id, [...(m.get(r.remark_id) ?? []), r])
  return m
}

// construction_remarks → remarks (keeping their numbers), each with its history and photos as
// one timeline of events in time order.
export async function importRemarks(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'construction_remarks')
  const th = run.tally('main', 'remark_history')
  const tp = run.tally('main', 'remark_photos')
  const history = byRemark(main.rows<LegacyHistory>('remark_history'))
  const photos = byRemark(main.rows<LegacyPhoto>('remark_photos'))
  const seqs = new Map<number, Set<number>>()
  for (const r of main.rows<LegacyRemark>('construction_remarks')) {
    t.read()
    const own = history.get(r.id) ?? []
    history.delete(r.id)
    const ownPhotos = photos.get(r.id) ?? []
    photos.delete(r.id)
    let remarkId = run.key('main', 'construction_remarks', r.id)?.entity_id
    if (remarkId) t.merged()
    else {
      remarkId = await createRemark(run, r, own, seqs)
      t.imported()
    }
    const fixedAt = own.find((h) => remarkStatus(h.new_status) === 'fixed')
    const fixedTime = fixedAt ? moscowLocalToUtc(fixedAt.changed_at) : null
    const timeline = [
      ...own.map((h) => ({ at: moscowLocalToUtc(h.changed_at) ?? '', h, p: null })),
      ...ownPhotos.map((p) => ({ at: moscowLocalToUtc(p.created_at) ?? '', h: null, p })),
    ].sort((a, b) => a.at.localeCompare(b.at) || (a.h ? a.h.id : 1e9) - (b.h ? b.h.id : 1e9))
    for (const e of timeline) {
      if (e.h) {
        th.read()
        if (run.key('main', 'remark_history', e.h.id)) th.merged()
        else await addHistory(run, remarkId, e.h, th)
      } else if (e.p) await importPhoto(run, tp, remarkId, e.p, fixedTime)
    }
  }
  for (const rows of history.values())
    for (const h of rows) {
      th.read()
      th.skip(h.id, `Замечание №${h.remark_id} не найдено`)
    }
  for (const rows of photos.values())
    for (const p of rows) {
      tp.read()
      tp.skip(p.id, `Замечание №${p.remark_id} не найдено`)
    }
  await raiseCounters(run, seqs)
}

async function addHistory(run: Run, remarkId: number, h: LegacyHistory, th: { imported(): void }) {
  const from = h.old_status == null ? null : remarkStatus(h.old_status)
  const to = remarkStatus(h.new_status)
  const unknown = [h.old_status, h.new_status].filter((s) => s != null && !remarkStatus(s))
  const userId = run.people.match(h.changed_by)
  const row = await run.trx
    .insertInto('remark_events')
    .values({
      remark_id: remarkId,
      kind: h.old_status == null ? 'created' : 'status',
      from_status: from ?? (h.old_status == null ? null : norm(h.old_status)),
      to_status: to ?? norm(h.new_status),
      detail: unknown.length ? `Статус в прежней программе: ${unknown.join(' → ')}` : null,
      comment: text(h.comment),
      user_id: userId,
      user_name: userId ? null : text(h.changed_by),
      at: moscowLocalToUtc(h.changed_at) ?? run.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await run.remember('main', 'remark_history', h.id, 'remark_event', row.id)
  th.imported()
}

// The number stays as it was (REM-001). Its sequence within the project is the number's last
// digits when still free there, else the next free one; the project's counter is then raised
// past every imported sequence, so remarks registered later get new, distinct numbers.
async function createRemark(
  run: Run,
  r: LegacyRemark,
  history: LegacyHistory[],
  seqs: Map<number, Set<number>>,
) {
  const project = run.key('main', 'project_objects', r.project_object_id)?.entity_id
  const projectId = project ?? (await holdingProject(run))
  let taken = seqs.get(projectId)
  if (!taken) {
    const rows = await run.trx
      .selectFrom('remarks')
      .select('seq')
      .where('project_id', '=', projectId)
      .execute()
    taken = new Set(rows.map((x) => x.seq))
    seqs.set(projectId, taken)
  }
  const number = text(r.remark_number) ?? `Б/Н-${r.id}`
  const digits = /(\d+)\D*$/.exec(number)
  const wanted = digits ? Number(digits[1]) : NaN
  const seq =
    Number.isSafeInteger(wanted) && wanted > 0 && !taken.has(wanted)
      ? wanted
      : Math.max(0, ...taken) + 1
  taken.add(seq)
  const status = remarkStatus(r.status) ?? 'new'
  const last = (s: RemarkStatus) =>
    [...history].reverse().find((h) => remarkStatus(h.new_status) === s)
  const createdAt = moscowLocalToUtc(r.created_at)
  const updatedAt = moscowLocalToUtc(r.updated_at)
  const assignee = run.people.match(r.assigned_to)
  const author = run.people.match(r.created_by)
  const input = {
    title: text(r.title) ?? number,
    description: text(r.description),
    location: project ? null : `Объект №${r.project_object_id} прежней программы не найден`,
  }
  const values = {
    ...input,
    project_id: projectId,
    seq,
    number,
    priority: remarkPriority(r.priority) ?? 'normal',
    status,
    assignee_id: assignee,
    assignee_name: assignee ? null : text(r.assigned_to),
    deadline: moscowLocalDate(r.deadline),
    closed_at:
      status === 'closed'
        ? (moscowLocalToUtc(last('closed')?.changed_at) ?? updatedAt ?? createdAt ?? run.now)
        : null,
    reject_reason: status === 'rejected' ? text(last('rejected')?.comment) : null,
    legacy_key: number,
    search: remarkSearch(input, number),
    ...run.stamp(createdAt, author, updatedAt),
  }
  const row = await run.trx
    .insertInto('remarks')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow()
  await run.remember('main', 'construction_remarks', r.id, 'remark', row.id)
  await run.audit('remark.create', 'remark', row.id, row)
  // The history's own creation entry (old_status NULL) comes with it; without one, one is made.
  if (!history.some((h) => h.old_status == null))
    await run.trx
      .insertInto('remark_events')
      .values({
        remark_id: row.id,
        kind: 'created',
        from_status: null,
        to_status: 'new',
        detail: remarkStatus(r.status)
          ? null
          : `Статус в прежней программе: ${text(r.status) ?? '—'}`,
        comment: null,
        user_id: author,
        user_name: author ? null : text(r.created_by),
        at: createdAt ?? run.now,
      })
      .execute()
  return row.id
}

async function raiseCounters(run: Run, seqs: Map<number, Set<number>>) {
  for (const [projectId, taken] of seqs) {
    const top = Math.max(0, ...taken)
    if (!top) continue
    const counter = await run.trx
      .selectFrom('remark_counters')
      .select('last')
      .where('project_id', '=', projectId)
      .executeTakeFirst()
    if (!counter)
      await run.trx
        .insertInto('remark_counters')
        .values({ project_id: projectId, last: top })
        .execute()
    else if (counter.last < top)
      await run.trx
        .updateTable('remark_counters')
        .set({ last: top })
        .where('project_id', '=', projectId)
        .execute()
  }
}
