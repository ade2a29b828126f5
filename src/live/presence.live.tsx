import type { Db } from '../db/connect.ts'
import { Presence } from '../../views/live/Presence.tsx'
import { oob } from './oob.ts'
import { everySubscriber, type LiveRegistry } from './registry.ts'

export const FRESH_MS = 90_000

export async function presentUsers(db: Db, stream: string) {
  return db
    .selectFrom('live_presence')
    .innerJoin('users', 'users.id', 'live_presence.user_id')
    .select(['users.id', 'users.full_name'])
    .distinct()
    .where('live_presence.stream', '=', stream)
    .where('live_presence.seen_at', '>', new Date(Date.now() - FRESH_MS).toISOString())
    .orderBy('users.full_name')
    .limit(30)
    .execute()
}

// Each viewer sees the others, not themself: one variant per user (a record has few viewers).
export const registerPresence = (r: LiveRegistry) =>
  r.fragment('presence', {
    load: async (db: Db, stream: string) => ({ stream, users: await presentUsers(db, stream) }),
    audience: everySubscriber,
    variant: (user) => String(user.id),
    render: (user, ctx) => oob(<Presence stream={ctx.stream} users={ctx.users} meId={user.id} />),
  })
