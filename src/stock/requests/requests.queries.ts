import type { Actor, AppDeps } from '../../app-env.ts'
import { audit } from '../../audit/audit.ts'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../../auth/current-user.ts'
import { nowIso } from '../../db/business.ts'
import type { Db } from '../../db/connect.ts'
import { formatNumber } from '../../lib/format.ts'
import { keysetPage } from '../../lib/keyset.ts'
import { publishNotifications } from '../../notifications/notifications.live.tsx'
import { notify } from '../../notifications/notifications.queries.ts'
import { stockedMaterials } from '../batches.queries.ts'
import { UNIT_LABELS } from '../units.ts'
import { approversOf, ENTITY, others, requesterOf } from './requests.recipients.ts'
import { OPEN_REQUEST_STATUSES, type RequestInput, type RequestQuery } from './requests.schema.ts'

export const requestHref = (id: number) => `/stock/requests/${id}`

// Requests the user may see: warehouse drafts (no project) to everyone with stock.read,
// a project's requests only to those who see the project.
function scoped(db: Db, user: CurrentUser) {
  return (
    db
      .selectFrom('material_requests as r')
      .innerJoin('materials as m', 'm.id', 'r.material_id')
      .leftJoin('projects', 'projects.id', 'r.project_id')
      .leftJoin('users as cu', 'cu.id', 'r.created_by')
      .leftJoin('users as du', 'du.id', 'r.decided_by')
      .leftJoin('stock_batches as sb', 'sb.id', 'r.batch_id')
      .leftJoin('stock_batches as fb', 'fb.id', 'r.fulfilled_batch_id')
      .where('r.deleted_at', 'is', null)
      .where(sqlWhen(can(user, 'stock.read')))
      // The warehouse (stock.write) serves every project; others see their projects' requests.
      .where((eb) =>
        can(user, 'stock.write')
          ? sqlWhen(true)
          : eb.or([eb('r.project_id', 'is', null), visibleProjects(user)(eb as never)]),
      )
      .selectAll('r')
      .select(['m.name as material_name', 'm.short_name as material_short', 'm.unit'])
      .select(['projects.code as project_code', 'projects.short_name as project_name'])
      .select(['cu.full_name as created_by_name', 'du.full_name as decided_by_name'])
      .select(['sb.number as batch_number', 'fb.number as fulfilled_batch_number'])
  )
}

export async function listRequests(db: Db, user: CurrentUser, q: RequestQuery) {
  let qb = scoped(db, user)
  if (q.status === 'open') qb = qb.where('r.status', 'in', OPEN_REQUEST_STATUSES)
  else if (q.status) qb = qb.where('r.status', '=', q.status as never)
  if (q.project) qb = qb.where('r.project_id', '=', q.project)
  if (q.material) qb = qb.where('r.material_id', '=', q.material)
  const sort = { column: 'r.id', dir: 'desc', idColumn: 'r.id' } as const
  return keysetPage(qb, sort, q.after, (r) => [r.id, r.id])
}
export type RequestRow = Awaited<ReturnType<typeof listRequests>>['rows'][number]

export async function findRequestFor(db: Db, user: CurrentUser, id: number) {
  return (await scoped(db, user).where('r.id', '=', id).executeTakeFirst()) ?? null
}

// «12 500 кг» in the material's unit.
export const quantityText = (r: Pick<RequestRow, 'quantity' | 'unit'>) =>
  `${formatNumber(r.quantity)} ${UNIT_LABELS[r.unit]}`

// What a request is about, for notifications: «Термопластик: 1 000 кг, Р-22».
export const requestSummary = (
  r: Pick<RequestRow, 'material_name' | 'quantity' | 'unit' | 'project_code'>,
) => `${r.material_name}: ${quantityText(r)}${r.project_code ? `, ${r.project_code}` : ''}`

// The request's history: its audit entries, newest first.
export const requestHistory = (db: Db, id: number) =>
  db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.action', 'a.after', 'u.full_name'])
    .where('a.entity_type', '=', ENTITY)
    .where('a.entity_id', '=', String(id))
    .orderBy('a.id', 'desc')
    .limit(200)
    .execute()
export type RequestEvent = Awaited<ReturnType<typeof requestHistory>>[number]

// Materials kept in the warehouse, for the form and the filter.
export { stockedMaterials }
export type StockedMaterial = Awaited<ReturnType<typeof stockedMaterials>>[number]

// Projects the user sees and may order for (not deleted).
export const requestProjects = (db: Db, user: CurrentUser) =>
  db
    .selectFrom('projects')
    .select(['id', 'code', 'short_name'])
    .where(visibleProjects(user))
    .where('deleted_at', 'is', null)
    .orderBy('code')
    .limit(1000)
    .execute()

export const findOrderableProject = (db: Db, user: CurrentUser, id: number) =>
  db
    .selectFrom('projects')
    .select(['id', 'code', 'short_name'])
    .where('id', '=', id)
    .where(visibleProjects(user))
    .where('deleted_at', 'is', null)
    .executeTakeFirst()

// A request from a site goes straight to approval; the approvers hear of it.
export async function createRequest(
  db: Db,
  actor: Actor,
  input: RequestInput,
  names: { material_name: string; unit: RequestRow['unit']; project_code: string },
) {
  return db.transaction().execute(async (trx) => {
    const now = nowIso()
    const row = await trx
      .insertInto('material_requests')
      .values({
        project_id: input.project_id,
        material_id: input.material_id,
        quantity: input.quantity,
        reason: input.reason,
        needed_by: input.needed_by,
        status: 'pending',
        source: 'user',
        batch_id: null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        fulfilled_batch_id: null,
        fulfilled_at: null,
        legacy_key: null,
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: `${ENTITY}.create`,
      entityType: ENTITY,
      entityId: row.id,
      after: row,
    })
    const notified = others(await approversOf(trx, row.project_id), actor)
    await notify(trx, notified, {
      kind: 'request.pending',
      title: `Заявка на материал № ${row.id} ждёт согласования`,
      body: requestSummary({ ...names, quantity: row.quantity }),
      href: requestHref(row.id),
    })
    return { row, notified }
  })
}

// Called by the receipt of a batch, inside its transaction: an approved request of the same
// material becomes fulfilled by that batch. False (and nothing written) for any other request.
export async function fulfilRequest(
  trx: Db,
  actor: Actor,
  requestId: number,
  batchId: number,
): Promise<boolean> {
  const batch = await trx
    .selectFrom('stock_batches')
    .select(['id', 'number', 'material_id'])
    .where('id', '=', batchId)
    .executeTakeFirst()
  const before = await trx
    .selectFrom('material_requests as r')
    .innerJoin('materials as m', 'm.id', 'r.material_id')
    .leftJoin('projects as p', 'p.id', 'r.project_id')
    .selectAll('r')
    .select(['m.name as material_name', 'm.unit', 'p.code as project_code'])
    .where('r.id', '=', requestId)
    .where('r.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!batch || !before || before.status !== 'approved') return false
  if (before.material_id !== batch.material_id) return false
  const now = nowIso()
  const row = await trx
    .updateTable('material_requests')
    .set({
      status: 'fulfilled',
      fulfilled_batch_id: batchId,
      fulfilled_at: now,
      version: before.version + 1,
      updated_at: now,
      updated_by: actor.userId,
    })
    .where('id', '=', requestId)
    .where('version', '=', before.version)
    .where('status', '=', 'approved')
    .returningAll()
    .executeTakeFirst()
  if (!row) return false
  await audit(trx, actor, {
    action: `${ENTITY}.fulfil`,
    entityType: ENTITY,
    entityId: requestId,
    before: { status: before.status },
    after: { status: row.status, fulfilled_batch_id: batchId, batch_number: batch.number },
  })
  await notify(trx, others([await requesterOf(trx, before)], actor), {
    kind: 'request.fulfilled',
    title: `Заявка на материал № ${requestId} выполнена`,
    body: `${requestSummary(before)}. Приход: партия № ${batch.number}`,
    href: requestHref(requestId),
  })
  return true
}

// After the receipt that fulfilled a request commits: the requester's bell.
export async function publishFulfilled(deps: Pick<AppDeps, 'db' | 'live'>, requestId: number) {
  const r = await deps.db
    .selectFrom('material_requests')
    .select(['id', 'created_by'])
    .where('id', '=', requestId)
    .executeTakeFirst()
  const who = r ? await requesterOf(deps.db, r) : null
  if (who) await publishNotifications(deps.live, [who])
}

export { ENTITY }
