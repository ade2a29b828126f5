import { randomBytes } from 'node:crypto'
import type { Db } from '../db/connect.ts'

export const LOCK_TTL_MS = 60_000 // a lock without heartbeats for this long is free
export const HEARTBEAT_MS = 15_000
export const RELEASE_GRACE_MS = 8_000 // after the editor's socket closes (a reload reconnects sooner)

const cutoff = () => new Date(Date.now() - LOCK_TTL_MS).toISOString()

export interface LockInfo {
  token: string
  user_id: number
  full_name: string
  acquired_at: string
}

export async function currentLock(
  db: Db,
  type: string,
  id: string | number,
): Promise<LockInfo | null> {
  const row = await db
    .selectFrom('edit_locks')
    .innerJoin('users', 'users.id', 'edit_locks.user_id')
    .select(['edit_locks.token', 'edit_locks.user_id', 'users.full_name', 'edit_locks.acquired_at'])
    .where('entity_type', '=', type)
    .where('entity_id', '=', String(id))
    .where('heartbeat_at', '>=', cutoff())
    .executeTakeFirst()
  return row ?? null
}

// Atomic on both databases: the insert wins, or the update wins because the old lock expired
// or was the same user's; otherwise nothing is returned and the current holder is reported.
export async function acquireLock(
  db: Db,
  type: string,
  id: string | number,
  userId: number,
): Promise<{ acquired: boolean; lock: LockInfo | null }> {
  const now = new Date().toISOString()
  const token = randomBytes(18).toString('base64url')
  const won = await db
    .insertInto('edit_locks')
    .values({
      entity_type: type,
      entity_id: String(id),
      token,
      user_id: userId,
      acquired_at: now,
      heartbeat_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['entity_type', 'entity_id'])
        .doUpdateSet((eb) => ({
          token: eb.ref('excluded.token'),
          user_id: eb.ref('excluded.user_id'),
          acquired_at: eb.ref('excluded.acquired_at'),
          heartbeat_at: eb.ref('excluded.heartbeat_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('edit_locks.heartbeat_at', '<', cutoff()),
            eb('edit_locks.user_id', '=', userId),
          ]),
        ),
    )
    .returning('token')
    .executeTakeFirst()
  const lock = await currentLock(db, type, id)
  return { acquired: won?.token === token && lock?.token === token, lock }
}

export async function heartbeatLock(db: Db, token: string, userId: number) {
  const r = await db
    .updateTable('edit_locks')
    .set({ heartbeat_at: new Date().toISOString() })
    .where('token', '=', token)
    .where('user_id', '=', userId)
    .returning(['entity_type', 'entity_id'])
    .executeTakeFirst()
  return r ?? null
}

// Released by its token (save, cancel, socket gone); returns what it was a lock on.
export async function releaseLock(db: Db, token: string, opts: { idleSince?: string } = {}) {
  let q = db.deleteFrom('edit_locks').where('token', '=', token)
  if (opts.idleSince) q = q.where('heartbeat_at', '<=', opts.idleSince)
  return (await q.returning(['entity_type', 'entity_id', 'user_id']).executeTakeFirst()) ?? null
}

export async function breakLock(db: Db, type: string, id: string | number) {
  return (
    (await db
      .deleteFrom('edit_locks')
      .where('entity_type', '=', type)
      .where('entity_id', '=', String(id))
      .returning(['user_id', 'token'])
      .executeTakeFirst()) ?? null
  )
}
