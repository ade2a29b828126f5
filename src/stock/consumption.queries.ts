import { sql } from 'kysely'
import type { CurrentUser } from '../auth/current-user.ts'
import { stockProjects } from './access.ts'
import type { Db } from '../db/connect.ts'
import { keysetPage } from '../lib/keyset.ts'

// Batches a foreman may name on a work-log line: with stock left and not blocked.
export const availableBatches = (db: Db) =>
  db
    .selectFrom('stock_batches as b')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .select(['b.id', 'b.number', 'm.code as material_code', 'm.short_name as material_short'])
    .select(['m.unit', sql<number>`b.in_store + b.on_site`.as('left')])
    .where('b.deleted_at', 'is', null)
    .where('b.blocked', '=', 0)
    .where('m.is_work', '=', 1)
    .where(sql<boolean>`b.in_store + b.on_site > 0.000001`)
    .orderBy('m.sort_order')
    .orderBy('b.received_on')
    .orderBy('b.id')
    .limit(300)
    .execute()
export type AvailableBatch = Awaited<ReturnType<typeof availableBatches>>[number]

// Work-log lines that name a batch whose consumption nobody has confirmed yet. The warehouse
// (stock.write) sees every project; a foreman, the projects he was given. "batch_id is not
// null" is implied by the join; said, it lets worklog_with_batch_idx serve the query.
function pending(db: Db, user: CurrentUser) {
  return db
    .selectFrom('worklog_entries as w')
    .innerJoin('projects', 'projects.id', 'w.project_id')
    .innerJoin('stock_batches as b', 'b.id', 'w.batch_id')
    .innerJoin('materials as m', 'm.id', 'b.material_id')
    .leftJoin('crews as c', 'c.id', 'w.crew_id')
    .where('w.batch_id', 'is not', null)
    .where('w.deleted_at', 'is', null)
    .where('projects.deleted_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('stock_movements as sm')
            .select('sm.id')
            .whereRef('sm.worklog_entry_id', '=', 'w.id'),
        ),
      ),
    )
    .where(stockProjects(user))
}

export async function pendingConsumption(
  db: Db,
  user: CurrentUser,
  q: { project?: number; after?: string },
) {
  let qb = pending(db, user)
  if (q.project) qb = qb.where('w.project_id', '=', q.project)
  const page = await keysetPage(
    qb
      .select(['w.id', 'w.work_date', 'w.area_m2', 'w.project_id', 'w.batch_id', 'w.section'])
      .select(['projects.code as project_code', 'projects.short_name as project_name'])
      .select(['b.number as batch_number', 'b.in_store', 'b.on_site'])
      .select(['m.short_name as material_short', 'm.unit', 'm.norm_per_m2', 'c.name as crew_name']),
    { column: 'w.id', dir: 'asc', idColumn: 'w.id' },
    q.after,
    (r) => [r.id, r.id],
  )
  return {
    ...page,
    rows: page.rows.map((r) => ({ ...r, estimate: estimateOf(r.area_m2, r.norm_per_m2) })),
  }
}
export type PendingRow = Awaited<ReturnType<typeof pendingConsumption>>['rows'][number]

export async function countPending(db: Db, user: CurrentUser) {
  const r = await pending(db, user)
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}

// m² × the material's norm per m², to 0,1 (a scale's precision on site); null without a norm.
export const estimateOf = (area: number, norm: number | null) =>
  norm == null ? null : Math.round(area * norm * 10) / 10

export const findPendingEntry = async (db: Db, user: CurrentUser, id: number) =>
  (
    await pending(db, user)
      .select(['w.id', 'w.work_date', 'w.area_m2', 'w.project_id', 'w.crew_id', 'w.batch_id'])
      .select(['m.norm_per_m2'])
      .where('w.id', '=', id)
      .execute()
  )[0]
