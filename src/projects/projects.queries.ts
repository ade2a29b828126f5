import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { can, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import { setDeleted } from '../db/soft-delete.ts'
import type { Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
import { keysetPage } from '../lib/keyset.ts'
import type { SaveResult } from '../lib/versioned.ts'
import { MATERIALS } from '../materials/materials.ts'
import { PROJECT_SORTS, type ProjectForm, type ProjectQuery } from './projects.schema.ts'
import type { Project } from './projects.table.ts'

export class CodeTakenError extends Error {}

function split(form: ProjectForm) {
  const { contractor, customer_id, name, short_name, code, contract_number, contract_date } = form
  const { length_km, asphalt_date, start_date, end_date, status, comments } = form
  const project = {
    contractor,
    customer_id,
    name,
    short_name,
    code,
    contract_number,
    contract_date,
    length_km,
    asphalt_date,
    start_date,
    end_date,
    status,
    comments,
    search: searchText(name, short_name, code, contract_number),
  }
  const volumes = MATERIALS.map(([m]) => ({ material: m, plan_m2: form[`plan_${m}`] })).filter(
    (v): v is { material: (typeof MATERIALS)[number][0]; plan_m2: number } => v.plan_m2 != null,
  )
  return { project, volumes }
}

export async function listProjects(db: Db, user: CurrentUser, q: ProjectQuery) {
  let qb = db
    .selectFrom('projects')
    .leftJoin('customers', 'customers.id', 'projects.customer_id')
    .selectAll('projects')
    .select('customers.name as customer_name')
    .where(visibleProjects(user))
  const showDeleted = q.deleted && can(user, 'projects.delete')
  qb = showDeleted
    ? qb.where('projects.deleted_at', 'is not', null)
    : qb.where('projects.deleted_at', 'is', null)
  if (q.q) qb = qb.where('projects.search', 'like', `%${searchText(q.q)}%`)
  if (q.status) qb = qb.where('projects.status', '=', q.status)
  if (q.customer) qb = qb.where('projects.customer_id', '=', q.customer)
  const sort = PROJECT_SORTS[q.sort]
  const col = sort.column.split('.')[1] as 'short_name' | 'code' | 'updated_at'
  return keysetPage(qb, { ...sort, idColumn: 'projects.id' }, q.after, (r) => [r[col], r.id])
}
export type ProjectListRow = Awaited<ReturnType<typeof listProjects>>['rows'][number]

// A project found through the user: one they may not see is simply not found.
export async function findProjectFor(db: Db, user: CurrentUser, id: number) {
  const row = await db
    .selectFrom('projects')
    .leftJoin('customers', 'customers.id', 'projects.customer_id')
    .selectAll('projects')
    .select('customers.name as customer_name')
    .where('projects.id', '=', id)
    .where(visibleProjects(user))
    .executeTakeFirst()
  if (!row || (row.deleted_at && !can(user, 'projects.delete'))) return null
  return row
}
export type ProjectWithCustomer = NonNullable<Awaited<ReturnType<typeof findProjectFor>>>

export const projectVolumes = (db: Db, projectId: number) =>
  db
    .selectFrom('project_volumes')
    .select(['material', 'plan_m2'])
    .where('project_id', '=', projectId)
    .execute()

async function assertCodeFree(db: Db, code: string, exceptId?: number) {
  let q = db.selectFrom('projects').select('id').where('code', '=', code)
  if (exceptId) q = q.where('id', '!=', exceptId)
  if (await q.executeTakeFirst()) throw new CodeTakenError(code)
}

export async function createProject(db: Db, actor: Actor, user: CurrentUser, form: ProjectForm) {
  const { project, volumes } = split(form)
  return db.transaction().execute(async (trx) => {
    await assertCodeFree(trx, project.code)
    const now = nowIso()
    const row = await trx
      .insertInto('projects')
      .values({
        ...project,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    if (volumes.length)
      await trx
        .insertInto('project_volumes')
        .values(volumes.map((v) => ({ ...v, project_id: row.id })))
        .execute()
    // The author keeps access to what they created even without access to all projects.
    if (!can(user, 'projects.all'))
      await trx
        .insertInto('project_members')
        .values({
          project_id: row.id,
          user_id: user.id,
          group_id: null,
          created_at: now,
          created_by: user.id,
        })
        .execute()
    await audit(trx, actor, {
      action: 'project.create',
      entityType: 'project',
      entityId: row.id,
      after: { ...row, volumes },
    })
    return row
  })
}

export async function updateProject(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  form: ProjectForm,
  lockToken?: string,
): Promise<SaveResult<Project>> {
  const { project, volumes } = split(form)
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    if (before.version !== version) return { ok: false, current: before }
    await assertCodeFree(trx, project.code, id)
    const beforeVolumes = await projectVolumes(trx, id)
    const row = await trx
      .updateTable('projects')
      .set({ ...project, version: version + 1, updated_at: nowIso(), updated_by: actor.userId })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst()
    if (!row) return { ok: false, current: before }
    await trx.deleteFrom('project_volumes').where('project_id', '=', id).execute()
    if (volumes.length)
      await trx
        .insertInto('project_volumes')
        .values(volumes.map((v) => ({ ...v, project_id: id })))
        .execute()
    // Saving ends the editor's lock, in the same transaction as the change.
    if (lockToken) await trx.deleteFrom('edit_locks').where('token', '=', lockToken).execute()
    await audit(trx, actor, {
      action: 'project.update',
      entityType: 'project',
      entityId: id,
      before: { ...before, volumes: beforeVolumes },
      after: { ...row, volumes },
    })
    return { ok: true, row }
  })
}

export const setProjectDeleted = (db: Db, actor: Actor, id: number, deleted: boolean) =>
  setDeleted(db, actor, 'projects', 'project', id, deleted)

// One row as a list shows it, deleted or not: what live updates render.
export const projectRow = (db: Db, id: number) =>
  db
    .selectFrom('projects')
    .leftJoin('customers', 'customers.id', 'projects.customer_id')
    .selectAll('projects')
    .select('customers.name as customer_name')
    .where('projects.id', '=', id)
    .executeTakeFirst()

// Which of these users may see the project: one query for all of them.
export async function usersWhoSeeProject(db: Db, projectId: number, users: CurrentUser[]) {
  const readers = users.filter((u) => can(u, 'projects.read'))
  const allowed = new Set(readers.filter((u) => can(u, 'projects.all')).map((u) => u.id))
  const others = readers.filter((u) => !allowed.has(u.id)).map((u) => u.id)
  if (!others.length) return allowed
  const rows = await db
    .selectFrom('project_members as pm')
    .leftJoin('group_members as gm', 'gm.group_id', 'pm.group_id')
    .select(['pm.user_id', 'gm.user_id as group_user_id'])
    .where('pm.project_id', '=', projectId)
    .where((eb) => eb.or([eb('pm.user_id', 'in', others), eb('gm.user_id', 'in', others)]))
    .execute()
  for (const r of rows) {
    if (r.user_id != null) allowed.add(r.user_id)
    if (r.group_user_id != null && others.includes(r.group_user_id)) allowed.add(r.group_user_id)
  }
  return allowed
}
