import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { parseId } from '../lib/forms.ts'
import { loadProject } from '../projects/load-project.ts'
import { moscowToday } from '../documents/state.ts'
import { findRemarkFor } from './remarks.queries.ts'

export async function loadRemarkProject(c: Ctx) {
  if (!can(userOf(c), 'remarks.read')) return null
  return loadProject(c, { activeOnly: true })
}

export async function loadRemark(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findRemarkFor(c.get('db'), userOf(c), id) : null
}

export const today = () => moscowToday()

// People a remark may be assigned to: the contractor's active staff (not inspectors, not viewers).
export const assignableUsers = (db: Db) =>
  db
    .selectFrom('users')
    .select(['id', 'full_name'])
    .where('is_active', '=', 1)
    .where('role', 'not in', ['inspector', 'viewer'])
    .orderBy('full_name')
    .limit(1000)
    .execute()
