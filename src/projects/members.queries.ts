import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'

export async function listMembers(db: Db, projectId: number) {
  return db
    .selectFrom('project_members as pm')
    .leftJoin('users as u', 'u.id', 'pm.user_id')
    .leftJoin('groups as g', 'g.id', 'pm.group_id')
    .select(['pm.id', 'pm.user_id', 'pm.group_id', 'u.full_name', 'u.role', 'g.name as group_name'])
    .where('pm.project_id', '=', projectId)
    .orderBy('g.name')
    .orderBy('u.full_name')
    .execute()
}
export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number]

export async function addMember(
  db: Db,
  actor: Actor,
  projectId: number,
  who: { userId: number | null; groupId: number | null },
) {
  return db.transaction().execute(async (trx) => {
    let dup = trx.selectFrom('project_members').select('id').where('project_id', '=', projectId)
    dup = who.userId
      ? dup.where('user_id', '=', who.userId)
      : dup.where('group_id', '=', who.groupId)
    if (await dup.executeTakeFirst()) return false
    const row = await trx
      .insertInto('project_members')
      .values({
        project_id: projectId,
        user_id: who.userId,
        group_id: who.groupId,
        created_at: nowIso(),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'project.member_add',
      entityType: 'project',
      entityId: projectId,
      after: row,
    })
    return true
  })
}

export async function removeMember(db: Db, actor: Actor, projectId: number, memberId: number) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('project_members')
      .where('id', '=', memberId)
      .where('project_id', '=', projectId)
      .returningAll()
      .executeTakeFirst()
    if (row)
      await audit(trx, actor, {
        action: 'project.member_remove',
        entityType: 'project',
        entityId: projectId,
        before: row,
      })
    return row ?? null
  })
}

export async function memberCandidates(db: Db) {
  const [users, groups] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'full_name', 'role'])
      .where('is_active', '=', 1)
      .orderBy('full_name')
      .limit(2000)
      .execute(),
    db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .limit(500)
      .execute(),
  ])
  return { users, groups }
}
