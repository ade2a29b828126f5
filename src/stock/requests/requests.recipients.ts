import type { Actor } from '../../app-env.ts'
import { ROLE_DEFAULTS } from '../../auth/permissions.ts'
import { ROLES, type Role } from '../../auth/roles.ts'
import type { Db } from '../../db/connect.ts'

// Who hears of a request: approvers when it is sent, the requester when it is decided or
// fulfilled, storekeepers when it is approved.

export const ENTITY = 'material_request' // the audit log's entity type

// Roles that see every project by default; role overrides are not consulted (a notice too
// many is harmless, the link still checks access).
const SEE_ALL: Role[] = ROLES.filter((r) => ROLE_DEFAULTS[r].includes('projects.all'))

// Active users of these roles who see the project (every one of them when there is none).
export async function staffWhoSee(db: Db, roles: Role[], projectId: number | null) {
  let q = db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.is_active', '=', 1)
    .where('u.role', 'in', roles)
  if (projectId != null)
    q = q.where((eb) =>
      eb.or([
        eb('u.role', 'in', SEE_ALL),
        eb.exists(
          eb
            .selectFrom('project_members as pm')
            .select('pm.id')
            .where('pm.project_id', '=', projectId)
            .where((w) =>
              w.or([
                w('pm.user_id', '=', w.ref('u.id')),
                w(
                  'pm.group_id',
                  'in',
                  w
                    .selectFrom('group_members as gm')
                    .select('gm.group_id')
                    .whereRef('gm.user_id', '=', 'u.id'),
                ),
              ]),
            ),
        ),
      ]),
    )
  return (await q.execute()).map((u) => u.id)
}

export const approversOf = (db: Db, projectId: number | null) =>
  staffWhoSee(db, ['director', 'project_manager'], projectId)

// Who asked for it: the author, or for a stock-control draft whoever sent it for approval.
export async function requesterOf(db: Db, r: { id: number; created_by: number | null }) {
  if (r.created_by) return r.created_by
  const sent = await db
    .selectFrom('audit_log')
    .select('user_id')
    .where('entity_type', '=', ENTITY)
    .where('entity_id', '=', String(r.id))
    .where('action', '=', `${ENTITY}.submit`)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return sent?.user_id ?? null
}

export const others = (ids: (number | null)[], actor: Actor) =>
  [...new Set(ids)].filter((id): id is number => !!id && id !== actor.userId)
