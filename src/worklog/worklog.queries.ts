import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { keysetPage } from '../lib/keyset.ts'
import { AreaInputError, areaFor, fillRatioOf } from '../reference/area.ts'
import {
  MAX_METRES_PER_LINE,
  MAX_PIECES_PER_LINE,
  MAX_WIDTH_M,
  type EntryLine,
  type WorklogQuery,
} from './worklog.schema.ts'

export type NewEntry = {
  work_date: string
  section: string | null
  crew_id: number | null
  material_code: string
  marking_type_id: number
  width_m: number | null
  lines: number
  fill_ratio: number
  piece_area_m2: number | null
  metres: number | null
  pieces: number | null
  area_m2: number
  notes: string | null
  batch_id?: number | null // only when the form names one: an edit without it keeps the batch
}

// The lines of a form made ready to store: the area computed from the marking type as it is
// now, and the guard rails. Errors are keyed by the form field (`l<i>_<name>`).
export async function prepareLines(
  db: Db,
  head: { work_date: string; section: string | null; crew_id: number | null; confirm?: '1' },
  lines: { index: number; line: Omit<EntryLine, 'batch_id'> & { batch_id?: number | null } }[],
  today: string,
): Promise<{ entries: NewEntry[]; errors: Record<string, string>; needsConfirm: boolean }> {
  const { confirm, ...shared } = head
  const errors: Record<string, string> = {}
  let needsConfirm = false
  if (head.work_date > today)
    errors.work_date = 'Дата в будущем: объёмы вносятся за сделанную работу'
  const ids = [...new Set(lines.map((l) => l.line.marking_type_id))]
  const types = ids.length
    ? await db
        .selectFrom('marking_types')
        .selectAll()
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute()
    : []
  const materials = new Set(
    (await db.selectFrom('materials').select('code').where('deleted_at', 'is', null).execute()).map(
      (m) => m.code,
    ),
  )
  const batchIds = [...new Set(lines.map((l) => l.line.batch_id).filter((id) => id != null))]
  const batches = batchIds.length
    ? await db
        .selectFrom('stock_batches as b')
        .innerJoin('materials as m', 'm.id', 'b.material_id')
        .select(['b.id', 'b.blocked', 'm.code'])
        .where('b.id', 'in', batchIds)
        .where('b.deleted_at', 'is', null)
        .execute()
    : []
  const entries: NewEntry[] = []
  for (const { index, line } of lines) {
    const f = (name: string) => `l${index}_${name}`
    const type = types.find((t) => t.id === line.marking_type_id)
    if (!type) {
      errors[f('marking_type_id')] = 'Выберите тип разметки'
      continue
    }
    if (!materials.has(line.material_code)) errors[f('material_code')] = 'Выберите материал'
    if (line.batch_id != null) {
      const batch = batches.find((b) => b.id === line.batch_id)
      if (!batch) errors[f('batch_id')] = 'Партия не найдена'
      else if (batch.blocked) errors[f('batch_id')] = 'Партия заблокирована'
      else if (batch.code !== line.material_code)
        errors[f('batch_id')] = 'Партия другого материала: выберите партию материала строки'
    }
    if (line.width != null && line.width > MAX_WIDTH_M)
      errors[f('width')] =
        `Ширина больше ${MAX_WIDTH_M} м — проверьте (ширина в метрах, например 0,10)`
    const pieces = line.pieces
    if (pieces != null && !Number.isInteger(pieces))
      errors[f('pieces')] = 'Количество — целое число'
    if ((line.metres ?? 0) > MAX_METRES_PER_LINE || (pieces ?? 0) > MAX_PIECES_PER_LINE) {
      needsConfirm = true
      if (!confirm)
        errors[f(line.metres != null ? 'metres' : 'pieces')] =
          'Необычно большой объём за день. Проверьте и подтвердите галочкой внизу'
    }
    try {
      const area_m2 = areaFor(type, { metres: line.metres, pieces, width_m: line.width })
      entries.push({
        ...shared,
        material_code: line.material_code,
        marking_type_id: type.id,
        width_m: type.kind === 'line' ? (line.width ?? type.width_m) : null,
        lines: type.lines,
        fill_ratio: type.kind === 'line' ? fillRatioOf(type) : 1,
        piece_area_m2: type.kind === 'symbol' ? type.piece_area_m2 : null,
        metres: line.metres,
        pieces,
        area_m2,
        notes: line.notes,
        ...(line.batch_id != null ? { batch_id: line.batch_id } : {}),
      })
    } catch (e) {
      if (!(e instanceof AreaInputError)) throw e
      errors[f(e.field === 'width_m' ? 'width' : e.field)] ??= e.message
    }
  }
  return { entries, errors, needsConfirm }
}

export async function createEntries(
  db: Db,
  actor: Actor,
  projectId: number,
  entries: NewEntry[],
  source: 'log' | 'grid' = 'log',
) {
  return db.transaction().execute(async (trx) => {
    const now = nowIso()
    const rows = await trx
      .insertInto('worklog_entries')
      .values(
        entries.map((e) => ({
          ...e,
          project_id: projectId,
          source,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
          updated_by: actor.userId,
        })),
      )
      .returningAll()
      .execute()
    await audit(trx, actor, {
      action: 'worklog.create',
      entityType: 'project',
      entityId: projectId,
      after: rows,
    })
    return rows
  })
}

function scoped(db: Db, user: CurrentUser, q: WorklogQuery) {
  let qb = db
    .selectFrom('worklog_entries as w')
    .innerJoin('projects', 'projects.id', 'w.project_id')
    .innerJoin('marking_types as t', 't.id', 'w.marking_type_id')
    .innerJoin('materials as m', 'm.code', 'w.material_code')
    .leftJoin('crews as c', 'c.id', 'w.crew_id')
    .where(visibleProjects(user))
    .where('projects.deleted_at', 'is', null)
    .where('w.deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'worklog.read')))
  if (q.project) qb = qb.where('w.project_id', '=', q.project)
  if (q.from) qb = qb.where('w.work_date', '>=', q.from)
  if (q.to) qb = qb.where('w.work_date', '<=', q.to)
  if (q.crew) qb = qb.where('w.crew_id', '=', q.crew)
  if (q.material) qb = qb.where('w.material_code', '=', q.material)
  return qb
}

const entryColumns = [
  'w.id',
  'w.project_id',
  'w.work_date',
  'w.section',
  'w.material_code',
  'w.width_m',
  'w.metres',
  'w.pieces',
  'w.area_m2',
  'w.notes',
  'w.source',
  'w.deleted_at',
  't.code as type_code',
  't.name as type_name',
  'm.short_name as material_name',
  'c.name as crew_name',
  'projects.code as project_code',
] as const

// One line as lists show it, for live pushes (access is the audience's business).
export const entryById = (db: Db, id: number) =>
  db
    .selectFrom('worklog_entries as w')
    .innerJoin('projects', 'projects.id', 'w.project_id')
    .innerJoin('marking_types as t', 't.id', 'w.marking_type_id')
    .innerJoin('materials as m', 'm.code', 'w.material_code')
    .leftJoin('crews as c', 'c.id', 'w.crew_id')
    .select(entryColumns)
    .where('w.id', '=', id)
    .executeTakeFirst()

export async function listEntries(db: Db, user: CurrentUser, q: WorklogQuery) {
  const qb = scoped(db, user, q).select(entryColumns)
  return keysetPage(qb, { column: 'w.work_date', dir: 'desc', idColumn: 'w.id' }, q.after, (r) => [
    r.work_date,
    r.id,
  ])
}
export type EntryRow = Awaited<ReturnType<typeof listEntries>>['rows'][number]

// Totals for the same filters, by material and marking type: one grouped query.
export async function totals(db: Db, user: CurrentUser, q: WorklogQuery) {
  const rows = await scoped(db, user, q)
    .select((eb) => [
      'm.short_name as material_name',
      't.code as type_code',
      't.name as type_name',
      eb.fn.sum<number>('w.metres').as('metres'),
      eb.fn.sum<number>('w.pieces').as('pieces'),
      eb.fn.sum<number>('w.area_m2').as('area_m2'),
    ])
    .groupBy(['m.short_name', 'm.sort_order', 't.code', 't.name'])
    .orderBy('m.sort_order')
    .orderBy('t.code')
    .execute()
  return rows.map((r) => ({
    ...r,
    metres: Number(r.metres ?? 0),
    pieces: Number(r.pieces ?? 0),
    area_m2: Math.round(Number(r.area_m2 ?? 0) * 100) / 100,
  }))
}
export type TotalRow = Awaited<ReturnType<typeof totals>>[number]
