import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
import { keysetPage } from '../lib/keyset.ts'
import {
  formatRemarkNumber,
  OPEN_STATUSES,
  type RemarkInput,
  type RemarkQuery,
} from './remarks.schema.ts'

const searchOf = (r: Pick<RemarkInput, 'title' | 'description' | 'location'>, number: string) =>
  searchText(number, r.title, r.description, r.location)

// Remarks the user may see: of visible projects, with remarks.read.
function scoped(db: Db, user: CurrentUser) {
  return db
    .selectFrom('remarks')
    .innerJoin('projects', 'projects.id', 'remarks.project_id')
    .leftJoin('users as a', 'a.id', 'remarks.assignee_id')
    .where(visibleProjects(user))
    .where('projects.deleted_at', 'is', null)
    .where('remarks.deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'remarks.read')))
}

const columns = [
  'remarks.id',
  'remarks.project_id',
  'remarks.number',
  'remarks.title',
  'remarks.description',
  'remarks.location',
  'remarks.priority',
  'remarks.status',
  'remarks.assignee_id',
  'remarks.assignee_name',
  'remarks.deadline',
  'remarks.closed_at',
  'remarks.reject_reason',
  'remarks.version',
  'remarks.created_at',
  'remarks.created_by',
  'remarks.updated_at',
  'a.full_name as assignee_full_name',
  'projects.code as project_code',
  'projects.short_name as project_name',
] as const

export async function listRemarks(
  db: Db,
  user: CurrentUser,
  q: RemarkQuery,
  opts: { today: string; limit?: number },
) {
  let qb = scoped(db, user).select(columns)
  if (q.project) qb = qb.where('remarks.project_id', '=', q.project)
  if (q.q) qb = qb.where('remarks.search', 'like', `%${searchText(q.q)}%`)
  if (q.status === 'open') qb = qb.where('remarks.status', 'in', OPEN_STATUSES)
  else if (q.status) qb = qb.where('remarks.status', '=', q.status as never)
  if (q.priority) qb = qb.where('remarks.priority', '=', q.priority)
  if (q.assignee) qb = qb.where('remarks.assignee_id', '=', q.assignee)
  if (q.mine) qb = qb.where('remarks.assignee_id', '=', user.id)
  if (q.overdue)
    qb = qb.where('remarks.status', 'in', OPEN_STATUSES).where('remarks.deadline', '<', opts.today)
  const sort = { column: 'remarks.id', dir: 'desc', idColumn: 'remarks.id' } as const
  return keysetPage(qb, sort, q.after, (r) => [r.id, r.id], opts.limit)
}
export type RemarkRow = Awaited<ReturnType<typeof listRemarks>>['rows'][number]

export const isRemarkOverdue = (r: Pick<RemarkRow, 'status' | 'deadline'>, today: string) =>
  OPEN_STATUSES.includes(r.status) && !!r.deadline && r.deadline < today

export async function findRemarkFor(db: Db, user: CurrentUser, id: number) {
  return (
    (await scoped(db, user).select(columns).where('remarks.id', '=', id).executeTakeFirst()) ?? null
  )
}

export const remarkById = (db: Db, id: number) =>
  db
    .selectFrom('remarks')
    .innerJoin('projects', 'projects.id', 'remarks.project_id')
    .leftJoin('users as a', 'a.id', 'remarks.assignee_id')
    .select(columns)
    .where('remarks.id', '=', id)
    .executeTakeFirst()

// Summary of a project's remarks: counts by status, overdue, average days to closure.
export async function remarkSummary(db: Db, projectId: number, today: string) {
  const rows = await db
    .selectFrom('remarks')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .groupBy('status')
    .execute()
  const overdue = await db
    .selectFrom('remarks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', OPEN_STATUSES)
    .where('deadline', '<', today)
    .executeTakeFirst()
  const closed = await db
    .selectFrom('remarks')
    .select(['created_at', 'closed_at'])
    .where('project_id', '=', projectId)
    .where('status', '=', 'closed')
    .where('closed_at', 'is not', null)
    .limit(5000)
    .execute()
  const days = closed.map(
    (r) => (new Date(r.closed_at!).getTime() - new Date(r.created_at).getTime()) / 86400_000,
  )
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<
      string,
      number
    >,
    overdue: Number(overdue?.n ?? 0),
    avgDaysToClose: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
  }
}

// A new remark gets the next number of its project: the counter row is taken and bumped in
// the same transaction, so parallel registrations get distinct numbers with no gaps.
export async function createRemark(
  db: Db,
  actor: Actor,
  project: { id: number; code: string },
  input: RemarkInput,
  numberFormat: string,
) {
  return db.transaction().execute(async (trx) => {
    const counter = await trx
      .insertInto('remark_counters')
      .values({ project_id: project.id, last: 1 })
      .onConflict((oc) =>
        oc.column('project_id').doUpdateSet((eb) => ({ last: eb('remark_counters.last', '+', 1) })),
      )
      .returning('last')
      .executeTakeFirstOrThrow()
    const number = formatRemarkNumber(numberFormat, project.code, counter.last)
    const now = nowIso()
    const row = await trx
      .insertInto('remarks')
      .values({
        ...input,
        project_id: project.id,
        seq: counter.last,
        number,
        status: 'new',
        search: searchOf(input, number),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('remark_events')
      .values({
        remark_id: row.id,
        kind: 'created',
        to_status: 'new',
        user_id: actor.userId,
        at: now,
        detail: null,
        comment: null,
        from_status: null,
        user_name: null,
      })
      .execute()
    await audit(trx, actor, {
      action: 'remark.create',
      entityType: 'remark',
      entityId: row.id,
      after: row,
    })
    return row
  })
}

export const remarkHistory = (db: Db, remarkId: number) =>
  db
    .selectFrom('remark_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'e.id',
      'e.kind',
      'e.from_status',
      'e.to_status',
      'e.detail',
      'e.comment',
      'e.at',
      'e.user_name',
      'u.full_name',
    ])
    .where('e.remark_id', '=', remarkId)
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute()
export type RemarkEvent = Awaited<ReturnType<typeof remarkHistory>>[number]

export const remarkPhotos = (db: Db, remarkId: number) =>
  db
    .selectFrom('remark_photos as p')
    .innerJoin('files as f', 'f.id', 'p.file_id')
    .select([
      'p.id',
      'p.phase',
      'p.caption',
      'p.file_id',
      'p.thumb_file_id',
      'p.created_at',
      'f.original_name',
    ])
    .where('p.remark_id', '=', remarkId)
    .orderBy('p.id')
    .limit(200)
    .execute()
export type RemarkPhoto = Awaited<ReturnType<typeof remarkPhotos>>[number]

export async function addEvent(
  db: Db,
  actor: Actor,
  remarkId: number,
  e: {
    kind: 'status' | 'assignee' | 'deadline' | 'edit' | 'comment' | 'photo'
    from_status?: string | null
    to_status?: string | null
    detail?: string | null
    comment?: string | null
  },
) {
  await db
    .insertInto('remark_events')
    .values({
      remark_id: remarkId,
      kind: e.kind,
      from_status: e.from_status ?? null,
      to_status: e.to_status ?? null,
      detail: e.detail ?? null,
      comment: e.comment ?? null,
      user_id: actor.userId,
      user_name: null,
      at: nowIso(),
    })
    .execute()
}

export { searchOf as remarkSearch }
