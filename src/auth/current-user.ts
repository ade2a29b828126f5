import { sql, type ExpressionBuilder } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { Database } from '../db/database.ts'
import type { Permission, PermissionSet } from './permissions.ts'
import type { Role } from './roles.ts'

export interface CurrentUser {
  id: number
  login: string
  full_name: string
  role: Role
  permissions: PermissionSet
  must_change_password: boolean
  unread: number // unread notifications when the request began (the bell; live after that)
  open_shift_started_at?: string | null // the shift button in the header (start or end)
}

// "May this user do P?"
export const can = (user: CurrentUser | null | undefined, p: Permission) =>
  !!user && user.permissions.has(p)

// A where-clause that keeps every row or none: "the user may read this kind of record".
export const sqlWhen = (ok: boolean) => (ok ? sql<boolean>`1 = 1` : sql<boolean>`1 = 0`)

// A where-clause for "projects this user may see": everything with projects.all,
// otherwise those where the user is a member directly or through a group.
export function visibleProjects(user: CurrentUser) {
  return (eb: ExpressionBuilder<Database, 'projects'>) => {
    if (can(user, 'projects.all')) return sqlWhen(true)
    return eb.exists(
      eb
        .selectFrom('project_members as pm')
        .select('pm.id')
        .whereRef('pm.project_id', '=', 'projects.id')
        .where((w) =>
          w.or([
            w('pm.user_id', '=', user.id),
            w(
              'pm.group_id',
              'in',
              w.selectFrom('group_members').select('group_id').where('user_id', '=', user.id),
            ),
          ]),
        ),
    )
  }
}

// "May this user do P in project X?" A project the user cannot see answers false.
export async function canInProject(db: Db, user: CurrentUser, p: Permission, projectId: number) {
  if (!can(user, p)) return false
  const row = await db
    .selectFrom('projects')
    .select('id')
    .where('id', '=', projectId)
    .where(visibleProjects(user))
    .executeTakeFirst()
  return !!row
}
