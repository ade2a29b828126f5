import { sql } from 'kysely'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { visibleDocuments } from '../documents/documents.queries.ts'
import { overdueBefore } from '../documents/state.ts'
import { OPEN_STATUSES } from '../remarks/remarks.schema.ts'

// The dashboard's numbers: each one aggregate query over what the user may see, with the same
// conditions as the list a tile links to (so the tile's number is that list's length).

export interface ByProject {
  id: number
  code: string
  name: string
  n: number
}

const total = sql<number>`count(*) over ()`.as('total')
const byCountThenCode = (rows: { id: number; code: string; short_name: string; n: unknown }[]) =>
  rows
    .map((r) => ({ id: r.id, code: r.code, name: r.short_name, n: Number(r.n) }))
    .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code))

function remarks(db: Db, user: CurrentUser) {
  return db
    .selectFrom('remarks')
    .innerJoin('projects', 'projects.id', 'remarks.project_id')
    .where(visibleProjects(user))
    .where('projects.deleted_at', 'is', null)
    .where('remarks.deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'remarks.read')))
}

// Open remarks past their deadline, per project (/remarks?overdue=1).
export async function overdueRemarksByProject(db: Db, user: CurrentUser, today: string) {
  const rows = await remarks(db, user)
    .select(['projects.id', 'projects.code', 'projects.short_name'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('remarks.status', 'in', OPEN_STATUSES)
    .where('remarks.deadline', '<', today)
    .groupBy(['projects.id', 'projects.code', 'projects.short_name'])
    .execute()
  return byCountThenCode(rows)
}

// Documents at the customer longer than the rule allows, per project (/documents?overdue=1).
export async function overdueDocumentsByProject(
  db: Db,
  user: CurrentUser,
  rule: { today: string; overdueDays: number },
) {
  const rows = await visibleDocuments(db, user)
    .select(['projects.id', 'projects.code', 'projects.short_name'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('documents.state', '=', 'shipped')
    .where('documents.shipped_on', '<', overdueBefore(rule.today, rule.overdueDays))
    .groupBy(['projects.id', 'projects.code', 'projects.short_name'])
    .execute()
  return byCountThenCode(rows)
}

// The open remarks assigned to the user (/remarks?mine=1&status=open), the nearest deadline
// first, or those waiting for an inspector's check (/remarks?status=fixed).
export async function remarksToHandle(
  db: Db,
  user: CurrentUser,
  which: 'mine' | 'fixed',
  limit = 6,
) {
  let q = remarks(db, user)
    .select([
      'remarks.id',
      'remarks.project_id',
      'remarks.number',
      'remarks.title',
      'remarks.status',
      'remarks.priority',
      'remarks.deadline',
      'projects.code as project_code',
      total,
    ])
    .orderBy(sql`remarks.deadline is null`)
    .orderBy('remarks.deadline')
    .orderBy('remarks.id')
    .limit(limit)
  q =
    which === 'mine'
      ? q.where('remarks.assignee_id', '=', user.id).where('remarks.status', 'in', OPEN_STATUSES)
      : q.where('remarks.status', '=', 'fixed')
  const rows = await q.execute()
  return { rows, total: Number(rows[0]?.total ?? 0) }
}
export type RemarkItem = Awaited<ReturnType<typeof remarksToHandle>>['rows'][number]

// The latest documents back from the customer (/documents?state=returned).
export async function recentReturns(db: Db, user: CurrentUser, limit = 5) {
  const rows = await visibleDocuments(db, user)
    .select([
      'documents.id',
      'documents.project_id',
      'documents.number',
      'documents.title',
      'documents.returned_on',
      'documents.condition',
      't.short_name as type_short',
      'projects.code as project_code',
      total,
    ])
    .where('documents.state', '=', 'returned')
    .orderBy('documents.returned_on', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit)
    .execute()
  return { rows, total: Number(rows[0]?.total ?? 0) }
}
export type ReturnItem = Awaited<ReturnType<typeof recentReturns>>['rows'][number]

// Material requests waiting for approval, as /stock/requests?status=pending lists them: the
// warehouse (stock.write) sees every project's, others their projects' and the warehouse's own.
export async function pendingRequests(db: Db, user: CurrentUser, limit = 5) {
  const rows = await db
    .selectFrom('material_requests as r')
    .innerJoin('materials as m', 'm.id', 'r.material_id')
    .leftJoin('projects', 'projects.id', 'r.project_id')
    .where('r.deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'stock.read')))
    .where((eb) =>
      can(user, 'stock.write')
        ? sqlWhen(true)
        : eb.or([eb('r.project_id', 'is', null), visibleProjects(user)(eb as never)]),
    )
    .where('r.status', '=', 'pending')
    .select(['r.id', 'r.quantity', 'r.needed_by', 'm.short_name as material', 'm.unit'])
    .select(['projects.code as project_code', total])
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute()
  return { rows, total: Number(rows[0]?.total ?? 0) }
}
export type RequestItem = Awaited<ReturnType<typeof pendingRequests>>['rows'][number]

// The lines the user entered into the work log for today (/worklog?from=today&to=today).
export async function myLinesOf(db: Db, user: CurrentUser, day: string, limit = 8) {
  const rows = await db
    .selectFrom('worklog_entries as w')
    .innerJoin('projects', 'projects.id', 'w.project_id')
    .innerJoin('marking_types as t', 't.id', 'w.marking_type_id')
    .innerJoin('materials as m', 'm.code', 'w.material_code')
    .where(visibleProjects(user))
    .where('projects.deleted_at', 'is', null)
    .where('w.deleted_at', 'is', null)
    .where(sqlWhen(can(user, 'worklog.read')))
    .where('w.created_by', '=', user.id)
    .where('w.work_date', '=', day)
    .select(['w.id', 'w.project_id', 'w.metres', 'w.pieces', 'w.area_m2', 't.code as type_code'])
    .select(['m.short_name as material', 'projects.code as project_code', total])
    .select(sql<number>`sum(w.area_m2) over ()`.as('total_m2'))
    .orderBy('w.id', 'desc')
    .limit(limit)
    .execute()
  return {
    rows,
    total: Number(rows[0]?.total ?? 0),
    area_m2: Math.round(Number(rows[0]?.total_m2 ?? 0) * 100) / 100,
  }
}
export type LineItem = Awaited<ReturnType<typeof myLinesOf>>['rows'][number]

// The user's shifts touching [from, to) (UTC instants), oldest first.
export const myShifts = (db: Db, user: CurrentUser, from: string, to: string) =>
  db
    .selectFrom('work_sessions')
    .select(['id', 'started_at', 'ended_at', 'auto_closed'])
    .where('user_id', '=', user.id)
    .where('deleted_at', 'is', null)
    .where('started_at', '<', to)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
    .orderBy('started_at')
    .limit(100)
    .execute()
