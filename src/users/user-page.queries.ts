import type { Db } from '../db/connect.ts'
import { FRESH_MS } from '../live/presence.live.tsx'

// What a user's admin page shows: their projects (direct or through a group), groups, recent
// actions and sessions. One query each, bounded.

export const userGroups = (db: Db, userId: number) =>
  db
    .selectFrom('group_members as gm')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['g.id', 'g.name'])
    .where('gm.user_id', '=', userId)
    .where('g.deleted_at', 'is', null)
    .orderBy('g.name')
    .execute()

// Every membership that gives the user a project: their own rows and their groups' rows.
export const userProjects = (db: Db, userId: number) =>
  db
    .selectFrom('project_members as pm')
    .innerJoin('projects as p', 'p.id', 'pm.project_id')
    .leftJoin('groups as g', 'g.id', 'pm.group_id')
    .select(['pm.id as member_id', 'pm.group_id', 'g.name as group_name'])
    .select(['p.id', 'p.code', 'p.short_name', 'p.status'])
    .where('p.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('pm.user_id', '=', userId),
        eb(
          'pm.group_id',
          'in',
          eb.selectFrom('group_members').select('group_id').where('user_id', '=', userId),
        ),
      ]),
    )
    .orderBy('p.code')
    .limit(1000)
    .execute()
export type UserProjectRow = Awaited<ReturnType<typeof userProjects>>[number]

export const userActivity = (db: Db, userId: number, limit = 20) =>
  db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'entity_type', 'entity_id', 'ip'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
export type ActivityRow = Awaited<ReturnType<typeof userActivity>>[number]

const liveSessions = (db: Db) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.created_at', 's.last_seen_at', 's.expires_at', 's.ip'])
    .select(['s.user_agent', 'u.full_name', 'u.login', 'u.role'])
    .where('s.expires_at', '>', new Date().toISOString())

export const userSessions = (db: Db, userId: number) =>
  liveSessions(db)
    .where('s.user_id', '=', userId)
    .orderBy('s.last_seen_at', 'desc')
    .limit(50)
    .execute()

export const allSessions = (db: Db) =>
  liveSessions(db).orderBy('s.last_seen_at', 'desc').limit(500).execute()
export type SessionListRow = Awaited<ReturnType<typeof allSessions>>[number]

// Users with an open page right now: every signed-in page keeps a socket on its 'user:<id>'
// stream, which records presence (on whichever process holds the socket).
export const onlineUsers = (db: Db) =>
  db
    .selectFrom('live_presence as lp')
    .innerJoin('users as u', 'u.id', 'lp.user_id')
    .select(['u.id', 'u.full_name', 'u.login', 'u.role'])
    .select((e) => [
      e.fn.count<number>('lp.client_id').distinct().as('pages'),
      e.fn.max('lp.seen_at').as('seen_at'),
    ])
    .where('lp.stream', 'like', 'user:%')
    .where('lp.seen_at', '>', new Date(Date.now() - FRESH_MS).toISOString())
    .groupBy(['u.id', 'u.full_name', 'u.login', 'u.role'])
    .orderBy('u.full_name')
    .limit(500)
    .execute()
export type OnlineRow = Awaited<ReturnType<typeof onlineUsers>>[number]

export async function isOnline(db: Db, userId: number) {
  const r = await db
    .selectFrom('live_presence')
    .select('id')
    .where('stream', '=', `user:${userId}`)
    .where('seen_at', '>', new Date(Date.now() - FRESH_MS).toISOString())
    .executeTakeFirst()
  return !!r
}
