import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { Database } from '../db/database.ts'
import { keysetPage } from '../lib/keyset.ts'
import type { Notification } from './notifications.table.ts'
import { isMuted, mutedOf } from '../account/profile.ts'

export interface NotificationInput {
  kind: string // what sent it, e.g. 'remark.assigned'
  title: string
  body?: string | null
  href?: string | null // a path inside the app ('/remarks/12'); opened when the user clicks it
}

export const NOTIFICATIONS_PAGE = 30
const TITLE_MAX = 200
const BODY_MAX = 1000

const MAX_ID = 2_147_483_647 // an integer column: a larger id from the URL is simply not found

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

// Only a path of this app: clicking a notification must never lead elsewhere.
export const isLocalHref = (href: string) =>
  href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\')

// One row per recipient (duplicates once). Runs on the caller's db or transaction; after the
// commit the caller calls publishNotifications(live, recipients) so the bells update.
export async function notify(db: Db, recipients: number[], n: NotificationInput) {
  let users = [...new Set(recipients)].filter((id) => Number.isInteger(id) && id > 0)
  if (!users.length) return
  // Kinds a recipient turned off in their profile are not sent to them.
  const settings = await db
    .selectFrom('users')
    .select(['id', 'muted_kinds'])
    .where('id', 'in', users)
    .where('muted_kinds', '!=', '[]')
    .execute()
  const off = new Set(
    settings.filter((u) => isMuted(mutedOf(u.muted_kinds), n.kind)).map((u) => u.id),
  )
  users = users.filter((id) => !off.has(id))
  if (!users.length) return
  const title = n.title.trim()
  if (!title) throw new Error('notify: title is required')
  const href = n.href?.trim() || null
  if (href && !isLocalHref(href)) throw new Error(`notify: href must be a local path: ${href}`)
  const body = n.body?.trim() || null
  const created_at = new Date().toISOString()
  await db
    .insertInto('notifications')
    .values(
      users.map((user_id) => ({
        user_id,
        kind: n.kind,
        title: clip(title, TITLE_MAX),
        body: body && clip(body, BODY_MAX),
        href,
        created_at,
        read_at: null,
      })),
    )
    .execute()
}

// The user's unread count as a scalar subquery over 'users' (load-user selects it with the user).
export const unreadSubquery = (eb: ExpressionBuilder<Database, 'users'>) =>
  eb
    .selectFrom('notifications')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('notifications.user_id', '=', 'users.id')
    .where('notifications.read_at', 'is', null)

export async function unreadCount(db: Db, userId: number) {
  const row = await db
    .selectFrom('notifications')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

// Newest first, a page at a time (the cursor is the last id seen).
export function listNotifications(
  db: Db,
  userId: number,
  after?: string,
  limit = NOTIFICATIONS_PAGE,
) {
  return keysetPage(
    db.selectFrom('notifications').selectAll().where('user_id', '=', userId),
    { column: 'notifications.id', dir: 'desc', idColumn: 'notifications.id' },
    after,
    (r) => [r.id, r.id],
    limit,
  )
}

// The user's own notification, or null (someone else's is as good as missing).
export async function findNotification(db: Db, userId: number, id: number) {
  if (!Number.isInteger(id) || id <= 0 || id > MAX_ID) return null
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row ?? null
}

// Marks one own notification read. Null when it is not the user's (or does not exist);
// `changed` tells whether the unread count moved (so the bell needs a push).
export async function markRead(
  db: Db,
  userId: number,
  id: number,
): Promise<{ notification: Notification; changed: boolean } | null> {
  const n = await findNotification(db, userId, id)
  if (!n) return null
  if (n.read_at) return { notification: n, changed: false }
  const read_at = new Date().toISOString()
  const r = await db
    .updateTable('notifications')
    .set({ read_at })
    .where('id', '=', n.id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  const changed = Number(r.numUpdatedRows) > 0
  return { notification: changed ? { ...n, read_at } : n, changed }
}

// Returns how many were unread.
export async function markAllRead(db: Db, userId: number) {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}
