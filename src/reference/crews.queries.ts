import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { isUniqueViolation } from '../db/connect.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import type { CrewForm } from './reference.schema.ts'

export class CrewNameTakenError extends Error {}
export class NoSuchForemanError extends Error {}

export function listCrews(db: Db, opts: { withHidden: boolean }) {
  let q = db
    .selectFrom('crews')
    .leftJoin('users as f', 'f.id', 'crews.foreman_id')
    .select(['crews.id', 'crews.name', 'crews.deleted_at', 'crews.notes', 'f.full_name as foreman'])
    .select((eb) =>
      eb
        .selectFrom('crew_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('crew_members.crew_id', '=', 'crews.id')
        .as('member_count'),
    )
  if (!opts.withHidden) q = q.where('crews.deleted_at', 'is', null)
  return q.orderBy('crews.deleted_at', 'desc').orderBy('crews.name').limit(1000).execute()
}
export type CrewListRow = Awaited<ReturnType<typeof listCrews>>[number]

export const findCrew = (db: Db, id: number) =>
  db.selectFrom('crews').selectAll().where('id', '=', id).executeTakeFirst()

export const crewMembers = (db: Db, crewId: number) =>
  db
    .selectFrom('crew_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .select(['u.id', 'u.full_name', 'u.login', 'u.role', 'u.is_active'])
    .where('cm.crew_id', '=', crewId)
    .orderBy('u.full_name')
    .orderBy('u.id')
    .execute()
export type CrewMemberRow = Awaited<ReturnType<typeof crewMembers>>[number]

const activeUser = (db: Db, id: number) =>
  db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('is_active', '=', 1)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()

// A foreman is an active user; one already set stays even if since deactivated.
async function checkForeman(db: Db, foremanId: number | null, current?: number | null) {
  if (foremanId !== null && foremanId !== current && !(await activeUser(db, foremanId)))
    throw new NoSuchForemanError()
}

const taken = (e: unknown, name: string) =>
  isUniqueViolation(e) ? new CrewNameTakenError(name) : e

export async function createCrew(db: Db, actor: Actor, data: CrewForm) {
  try {
    return await db.transaction().execute(async (trx) => {
      await checkForeman(trx, data.foreman_id)
      const now = nowIso()
      const row = await trx
        .insertInto('crews')
        .values({
          ...data,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, actor, {
        action: 'crew.create',
        entityType: 'crew',
        entityId: row.id,
        after: row,
      })
      return row.id
    })
  } catch (e) {
    throw taken(e, data.name)
  }
}

export async function updateCrew(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  data: CrewForm,
) {
  try {
    return await updateVersioned(
      db,
      actor,
      { table: 'crews', entity: 'crew', id, version },
      () => ({ ...data }),
      async (trx, before) => checkForeman(trx, data.foreman_id, before.foreman_id),
    )
  } catch (e) {
    throw taken(e, data.name)
  }
}

// Only active users join a crew.
export async function addCrewMember(
  db: Db,
  actor: Actor,
  crewId: number,
  userId: number,
): Promise<'added' | 'member' | 'no_user'> {
  const add = db.transaction().execute(async (trx): Promise<'added' | 'member' | 'no_user'> => {
    if (!(await activeUser(trx, userId))) return 'no_user'
    const dup = await trx
      .selectFrom('crew_members')
      .select('user_id')
      .where('crew_id', '=', crewId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (dup) return 'member'
    await trx.insertInto('crew_members').values({ crew_id: crewId, user_id: userId }).execute()
    await audit(trx, actor, {
      action: 'crew.member_add',
      entityType: 'crew',
      entityId: crewId,
      after: { crew_id: crewId, user_id: userId },
    })
    return 'added'
  })
  // Two adds of the same user at once: the second meets the primary key.
  return add.catch((e) => {
    if (isUniqueViolation(e)) return 'member' as const
    throw e
  })
}

export async function removeCrewMember(db: Db, actor: Actor, crewId: number, userId: number) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('crew_members')
      .where('crew_id', '=', crewId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (Number(r.numDeletedRows) === 0) return false
    await audit(trx, actor, {
      action: 'crew.member_remove',
      entityType: 'crew',
      entityId: crewId,
      before: { crew_id: crewId, user_id: userId },
    })
    return true
  })
}
