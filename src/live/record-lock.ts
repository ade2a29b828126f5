import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { acquireLock, currentLock } from './locks.ts'

// Opening an edit form: take the record's lock (or learn who holds it) and tell watchers.
export async function lockForEdit(c: Ctx, type: string, id: number) {
  const { acquired, lock } = await acquireLock(c.get('db'), type, id, userOf(c).id)
  if (acquired) await c.get('deps').live.publishLock(type, id)
  return { lock, token: acquired ? lock!.token : undefined }
}

// A posted edit form: its lock token (if it held one) and the record's current lock.
export async function lockOfPost(c: Ctx, type: string, id: number, body: Record<string, unknown>) {
  const token = typeof body.lock_token === 'string' ? body.lock_token : undefined
  return { token, lock: await currentLock(c.get('db'), type, id) }
}
