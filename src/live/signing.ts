import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/connect.ts'

// The key that signs stream names lives in the database, so every process (and a restarted
// one) accepts the tokens rendered by any other.
export async function loadSecret(db: Db, key = 'stream_secret'): Promise<string> {
  const existing = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst()
  if (existing) return existing.value
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow()
  return row.value
}

export class StreamSigner {
  constructor(private secret: string) {}

  private mac(stream: string) {
    return createHmac('sha256', this.secret).update(stream).digest('base64url').slice(0, 22)
  }

  // 'project:12' -> 'project:12~<mac>': only the server can name a stream a page may watch.
  sign(stream: string) {
    return `${stream}~${this.mac(stream)}`
  }

  verify(token: string): string | null {
    const i = token.lastIndexOf('~')
    if (i <= 0 || token.length > 200) return null
    const stream = token.slice(0, i)
    const given = Buffer.from(token.slice(i + 1))
    const want = Buffer.from(this.mac(stream))
    return given.length === want.length && timingSafeEqual(given, want) ? stream : null
  }
}
