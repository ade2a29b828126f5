import type { Db } from '../db/connect.ts'

// Failed sign-ins are counted in the database, so the limit holds across server processes.
const WINDOW_MS = 15 * 60 * 1000
export const MAX_PER_LOGIN = 5
export const MAX_PER_IP = 30

const keys = (login: string, ip: string) => [`login:${login.toLowerCase()}`, `ip:${ip}`]

// Minutes until the next attempt is allowed, or 0 if allowed now.
export async function throttleWait(db: Db, login: string, ip: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS).toISOString()
  const [loginKey, ipKey] = keys(login, ip)
  const rows = await db
    .selectFrom('login_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('at').as('first')])
    .where('key', 'in', [loginKey, ipKey])
    .where('at', '>', since)
    .groupBy('key')
    .execute()
  for (const r of rows) {
    const limit = r.key === loginKey ? MAX_PER_LOGIN : MAX_PER_IP
    if (Number(r.n) >= limit) {
      const freeAt = new Date(r.first as string).getTime() + WINDOW_MS
      return Math.max(1, Math.ceil((freeAt - Date.now()) / 60000))
    }
  }
  return 0
}

export async function recordFailure(db: Db, login: string, ip: string) {
  const at = new Date().toISOString()
  await db
    .insertInto('login_failures')
    .values(keys(login, ip).map((key) => ({ key, at })))
    .execute()
  // Old rows are of no use; trimming here keeps the table small without a cron.
  await db
    .deleteFrom('login_failures')
    .where('at', '<', new Date(Date.now() - WINDOW_MS).toISOString())
    .execute()
}

export async function clearFailures(db: Db, login: string) {
  await db.deleteFrom('login_failures').where('key', '=', `login:${login.toLowerCase()}`).execute()
}
