import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import type { SaveResult } from '../lib/versioned.ts'

export class GroupNameTakenError extends Error {}

type Group = {
  id: number
  name: string
  version: number
  updated_at: string
  updated_by: number | null
}

// A unique index refused the row (another request won the race between check and insert).
const isUniqueViolation = (e: unknown) => {
  const code = (e as { code?: string } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export function listGroups(db: Db) {
  return db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name'])
    .select((eb) =>
      eb
        .selectFrom('group_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('group_members.group_id', '=', 'groups.id')
        .as('member_count'),
    )
    .where('groups.deleted_at', 'is', null)
    .orderBy('groups.name')
    .orderBy('groups.id')
    .limit(1000)
    .execute()
}
export type GroupListRow = Awaited<ReturnType<typeof listGroups>>[number]

export const findGroup = (db: Db, id: number) =>
  db
    .selectFrom('groups')
    .select(['id', 'name', 'version', 'updated_at', 'updated_by'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()

export const groupMembers = (db: Db, groupId: number) =>
  db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .select(['u.id', 'u.full_name', 'u.login', 'u.role', 'u.is_active'])
    .where('gm.group_id', '=', groupId)
    .orderBy('u.full_name')
    .orderBy('u.id')
    .execute()
export type GroupMemberRow = Awaited<ReturnType<typeof groupMembers>>[number]

async function nameTaken(db: Db, name: string, exceptId?: number) {
  let q = db.selectFrom('groups').select('id').where('name', '=', name)
  if (exceptId) q = q.where('id', '!=', exceptId)
  return !!(await q.executeTakeFirst())
}

export async function createGroup(db: Db, actor: Actor, name: string): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await nameTaken(trx, name)) throw new GroupNameTakenError(name)
      const now = nowIso()
      const row = await trx
        .insertInto('groups')
        .values({
          name,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, actor, {
        action: 'group.create',
        entityType: 'group',
        entityId: row.id,
        after: row,
      })
      return row.id
    })
  } catch (e) {
    throw isUniqueViolation(e) ? new GroupNameTakenError(name) : e
  }
}

export async function renameGroup(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  name: string,
): Promise<SaveResult<Group>> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await nameTaken(trx, name, id)) throw new GroupNameTakenError(name)
      const before = await findGroup(trx, id)
      if (!before) throw new Error(`group ${id} vanished`)
      const row = await trx
        .updateTable('groups')
        .set({ name, version: version + 1, updated_at: nowIso(), updated_by: actor.userId })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning(['id', 'name', 'version', 'updated_at', 'updated_by'])
        .executeTakeFirst()
      if (!row) return { ok: false, current: before }
      await audit(trx, actor, {
        action: 'group.rename',
        entityType: 'group',
        entityId: id,
        before: { name: before.name },
        after: { name: row.name },
      })
      return { ok: true, row }
    })
  } catch (e) {
    throw isUniqueViolation(e) ? new GroupNameTakenError(name) : e
  }
}

// Only active users join a group.
export async function addGroupMember(
  db: Db,
  actor: Actor,
  groupId: number,
  userId: number,
): Promise<'added' | 'member' | 'no_user'> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('is_active', '=', 1)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!user) return 'no_user'
    const dup = await trx
      .selectFrom('group_members')
      .select('user_id')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (dup) return 'member'
    await trx.insertInto('group_members').values({ group_id: groupId, user_id: userId }).execute()
    await audit(trx, actor, {
      action: 'group.member_add',
      entityType: 'group',
      entityId: groupId,
      after: { group_id: groupId, user_id: userId },
    })
    return 'added'
  })
}

export async function removeGroupMember(db: Db, actor: Actor, groupId: number, userId: number) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (r.numDeletedRows === 0n) return false
    await audit(trx, actor, {
      action: 'group.member_remove',
      entityType: 'group',
      entityId: groupId,
      before: { group_id: groupId, user_id: userId },
    })
    return true
  })
}
