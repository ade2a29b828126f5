import type { ExpressionBuilder } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { CurrentUser } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import { isUniqueViolation, type Db } from '../db/connect.ts'
import type { Database } from '../db/database.ts'
import { shiftsScope } from './access.ts'
import { monthRange } from './hours.ts'
import type { WorkSession } from './shifts.table.ts'

const ENTITY = 'work_session'
const SYSTEM: Actor = { userId: null, ip: null, requestId: null }

// The user's open shift as a scalar subquery over 'users' (load-user selects it with the user).
export const openShiftSubquery = (eb: ExpressionBuilder<Database, 'users'>) =>
  eb
    .selectFrom('work_sessions')
    .select('work_sessions.started_at')
    .whereRef('work_sessions.user_id', '=', 'users.id')
    .where('work_sessions.ended_at', 'is', null)
    .where('work_sessions.deleted_at', 'is', null)
    .limit(1)

const live = (db: Db) => db.selectFrom('work_sessions').where('deleted_at', 'is', null)

// A shift left open longer than maxHours was forgotten: it ends at started_at + maxHours and is
// flagged. Runs hourly for everyone, and for one user when he starts or ends a shift or opens
// his timesheet. Each shift is closed in its own transaction, with its audit entry.
export async function closeForgottenShifts(
  db: Db,
  now: Date,
  maxHours: number,
  opts: { userId?: number } = {},
): Promise<WorkSession[]> {
  const span = maxHours * 3600_000
  let q = live(db)
    .selectAll()
    .where('ended_at', 'is', null)
    .where('started_at', '<=', new Date(now.getTime() - span).toISOString())
  if (opts.userId) q = q.where('user_id', '=', opts.userId)
  const closed: WorkSession[] = []
  for (const before of await q.orderBy('id').execute()) {
    const row = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('work_sessions')
        .set((eb) => ({
          ended_at: new Date(Date.parse(before.started_at) + span).toISOString(),
          auto_closed: 1,
          version: eb('version', '+', 1),
          updated_at: nowIso(),
          updated_by: null,
        }))
        .where('id', '=', before.id)
        .where('ended_at', 'is', null)
        .returningAll()
        .executeTakeFirst()
      if (row)
        await audit(trx, SYSTEM, {
          action: 'shift.auto_close',
          entityType: ENTITY,
          entityId: row.id,
          before,
          after: row,
        })
      return row
    })
    if (row) closed.push(row)
  }
  return closed
}

export type StartResult = { ok: true; row: WorkSession } | { ok: false; openSince: string }

// One open shift per user: checked here, and by the partial unique index when two starts race.
export async function startShift(db: Db, actor: Actor, userId: number, now: Date) {
  const openSince = async () =>
    (
      await live(db)
        .select('started_at')
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .executeTakeFirst()
    )?.started_at
  const open = await openSince()
  if (open) return { ok: false, openSince: open } satisfies StartResult
  try {
    const row = await db.transaction().execute(async (trx) => {
      const at = now.toISOString()
      const row = await trx
        .insertInto('work_sessions')
        .values({
          user_id: userId,
          started_at: at,
          ended_at: null,
          note: null,
          correction_reason: null,
          corrected_by: null,
          created_at: at,
          created_by: actor.userId,
          updated_at: at,
          updated_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, actor, {
        action: 'shift.start',
        entityType: ENTITY,
        entityId: row.id,
        after: row,
      })
      return row
    })
    return { ok: true, row } satisfies StartResult
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    return { ok: false, openSince: (await openSince()) ?? now.toISOString() } satisfies StartResult
  }
}

// Ends the user's open shift now; null when none was open.
export async function endShift(db: Db, actor: Actor, userId: number, now: Date) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('work_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!before) return null
    const at = now.toISOString()
    const row = await trx
      .updateTable('work_sessions')
      .set((eb) => ({
        ended_at: at < before.started_at ? before.started_at : at,
        version: eb('version', '+', 1),
        updated_at: at,
        updated_by: actor.userId,
      }))
      .where('id', '=', before.id)
      .where('ended_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (!row) return null
    await audit(trx, actor, {
      action: 'shift.end',
      entityType: ENTITY,
      entityId: row.id,
      before,
      after: row,
    })
    return row
  })
}

export type ShiftRow = WorkSession & { corrected_by_name: string | null }

// The shifts of the given users that touch a Moscow month, oldest first (one query).
export async function monthShifts(db: Db, viewer: CurrentUser, month: string, userId?: number) {
  const { from, to } = monthRange(month)
  let q = db
    .selectFrom('work_sessions as s')
    .innerJoin('users', 'users.id', 's.user_id')
    .leftJoin('users as editor', 'editor.id', 's.corrected_by')
    .selectAll('s')
    .select('editor.full_name as corrected_by_name')
    .where(shiftsScope(viewer))
    .where('s.deleted_at', 'is', null)
    .where('s.started_at', '<', to)
    .where((eb) => eb.or([eb('s.ended_at', 'is', null), eb('s.ended_at', '>', from)]))
  if (userId) q = q.where('s.user_id', '=', userId)
  return (await q.orderBy('s.started_at').orderBy('s.id').execute()) as ShiftRow[]
}

// A shift through its owner: outside the viewer's scope it does not exist (404).
export function findShiftFor(db: Db, viewer: CurrentUser, id: number) {
  return db
    .selectFrom('work_sessions as s')
    .innerJoin('users', 'users.id', 's.user_id')
    .selectAll('s')
    .select('users.full_name as user_name')
    .where('s.id', '=', id)
    .where('s.deleted_at', 'is', null)
    .where(shiftsScope(viewer))
    .executeTakeFirst()
}
export type FoundShift = NonNullable<Awaited<ReturnType<typeof findShiftFor>>>

// Another shift of the same user that would overlap [start, end) (an open one runs on).
export function overlappingShift(db: Db, s: FoundShift, start: string, end: string | null) {
  let q = live(db)
    .select(['id', 'started_at', 'ended_at'])
    .where('user_id', '=', s.user_id)
    .where('id', '!=', s.id)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', start)]))
  if (end) q = q.where('started_at', '<', end)
  return q.orderBy('started_at').executeTakeFirst()
}

// The people whose timesheets the viewer may open, for the picker and the team summary.
export function usersInScope(db: Db, viewer: CurrentUser, month: string) {
  const { from, to } = monthRange(month)
  return db
    .selectFrom('users')
    .select(['users.id', 'users.full_name', 'users.position', 'users.role'])
    .where(shiftsScope(viewer))
    .where('users.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('users.is_active', '=', 1), eb('users.role', '!=', 'inspector')]),
        eb.exists(
          eb
            .selectFrom('work_sessions as w')
            .select('w.id')
            .whereRef('w.user_id', '=', 'users.id')
            .where('w.started_at', '<', to)
            .where((e) => e.or([e('w.ended_at', 'is', null), e('w.ended_at', '>', from)])),
        ),
      ]),
    )
    .orderBy('users.full_name')
    .orderBy('users.id')
    .execute()
}
