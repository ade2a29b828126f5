// Signed-in sessions for the scale suite, made with the app's own createSession: the director
// (sees every project), a project manager who sees his projects through membership, and one
// session per simulated user of the mix, spread over the generated users who may write.
import { createSession } from '../../src/auth/sessions.ts'
import type { Role } from '../../src/auth/roles.ts'
import type { Db } from '../../src/db/connect.ts'
import type { ScaleData } from './generate.ts'

export interface MixUser {
  userId: number
  role: Role
  cookie: string
}

export interface ScaleSessions {
  director: string // Cookie header values
  author: string // an administrator
  member: string // a project manager, member of eleven projects
  mix: MixUser[]
}

// Every role that enters work, ships documents or takes remarks into work (all remarks.work).
export const WRITER_ROLES: Role[] = ['project_manager', 'site_chief', 'pto_engineer', 'foreman']

const META = { ip: '127.0.0.1', userAgent: 'strod-bench-scale', days: 1 }

async function cookie(db: Db, userId: number) {
  const { token } = await createSession(db, userId, META)
  return `sid=${token}`
}

export async function scaleSessions(
  db: Db,
  data: ScaleData,
  fixtures: { reader: { cookie: string }; author: { cookie: string } },
  mixUsers: number,
): Promise<ScaleSessions> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', 'in', data.userIds)
    .where('role', 'in', WRITER_ROLES)
    .orderBy('id')
    .execute()
  const pm = users.find((u) => u.role === 'project_manager')!
  const mix: MixUser[] = []
  for (let i = 0; i < mixUsers; i++) {
    const u = users[i % users.length]
    mix.push({ userId: u.id, role: u.role as Role, cookie: await cookie(db, u.id) })
  }
  return {
    director: fixtures.reader.cookie,
    author: fixtures.author.cookie,
    member: await cookie(db, pm.id),
    mix,
  }
}
