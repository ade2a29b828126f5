import type { LiveEvent } from '../live/hub.ts'
import { oob } from '../live/oob.ts'
import type { LiveRegistry } from '../live/registry.ts'
import { Bell } from '../../views/notifications/Bell.tsx'
import { unreadCount } from './notifications.queries.ts'

// Every signed-in page watches its own 'user:<id>' stream; no one may watch another's.
export const USER_STREAM = 'user'
export const userStream = (userId: number) => `${USER_STREAM}:${userId}`
export const BELL_FRAGMENT = 'notifications.bell'

// After the transaction that notified (or marked read) commits: the bells of these users.
export async function publishNotifications(
  live: { publish(e: LiveEvent): unknown },
  userIds: number[],
) {
  for (const id of new Set(userIds)) {
    await live.publish({ stream: userStream(id), kind: BELL_FRAGMENT, id })
  }
}

export function registerNotificationsLive(r: LiveRegistry) {
  // Every signed-in page watches its user stream: its presence tells who is online now.
  r.stream(USER_STREAM, {
    authorize: async (_db, user, arg) => arg === String(user.id),
    presence: true,
  })
  r.fragment(BELL_FRAGMENT, {
    load: async (db, id) => {
      const userId = Number(id)
      if (!Number.isSafeInteger(userId) || userId <= 0) return null
      return { userId, unread: await unreadCount(db, userId) }
    },
    audience: async (_db, ctx, users) =>
      new Set(users.filter((u) => u.id === ctx.userId).map((u) => u.id)),
    variant: () => 'self',
    render: (_u, ctx) => oob(<Bell unread={ctx.unread} />),
  })
}
