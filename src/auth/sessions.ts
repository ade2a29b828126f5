// Sessions as in Lucia's guide: token = id + "." + secret; only SHA-256(secret) is stored and
// compared in constant time; sliding expiry renews a session once half its lifetime is gone.
import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Db } from '../db/connect.ts'
import type { SessionRow } from './auth.table.ts'

const DAY = 24 * 60 * 60 * 1000

function randomString(bytes = 20) {
  const b = new Uint8Array(bytes)
  crypto.getRandomValues(b)
  return encodeBase32LowerCaseNoPadding(b)
}

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret))

export interface NewSession {
  token: string
  session: SessionRow
}

export async function createSession(
  db: Db,
  userId: number,
  meta: { ip: string | null; userAgent: string | null; days: number },
): Promise<NewSession> {
  const id = randomString()
  const secret = randomString()
  const now = new Date()
  const session: SessionRow = {
    id,
    user_id: userId,
    secret_hash: encodeHexLowerCase(hashSecret(secret)),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + meta.days * DAY).toISOString(),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  }
  await db.insertInto('sessions').values(session).execute()
  return { token: `${id}.${secret}`, session }
}

export interface ValidSession {
  session: SessionRow
  renewed: boolean
}

export async function validateSessionToken(
  db: Db,
  token: string,
  days: number,
): Promise<ValidSession | null> {
  const [id, secret] = token.split('.')
  if (!id || !secret || id.length > 64 || secret.length > 64) return null
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!session) return null
  const expected = new Uint8Array(Buffer.from(session.secret_hash, 'hex'))
  if (!constantTimeEqual(hashSecret(secret), expected)) return null
  const now = Date.now()
  const expires = new Date(session.expires_at).getTime()
  if (now >= expires) {
    await db.deleteFrom('sessions').where('id', '=', id).execute()
    return null
  }
  let renewed = false
  if (expires - now < (days * DAY) / 2) {
    session.expires_at = new Date(now + days * DAY).toISOString()
    renewed = true
  }
  // last_seen is for the "active sessions" page; writing it at most once a minute keeps reads cheap.
  if (renewed || now - new Date(session.last_seen_at).getTime() > 60_000) {
    session.last_seen_at = new Date(now).toISOString()
    await db
      .updateTable('sessions')
      .set({ expires_at: session.expires_at, last_seen_at: session.last_seen_at })
      .where('id', '=', id)
      .execute()
  }
  return { session, renewed }
}

export const sessionIdOf = (token: string) => token.split('.')[0] ?? ''

export async function invalidateSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export async function invalidateUserSessions(db: Db, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptId) q = q.where('id', '!=', exceptId)
  await q.execute()
}
