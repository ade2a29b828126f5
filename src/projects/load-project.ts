import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { parseId } from '../lib/forms.ts'
import { findProjectFor } from './projects.queries.ts'

// The project named in the path, found through the user: null means 404.
export async function loadProject(c: Ctx, opts: { activeOnly?: boolean } = {}) {
  const id = parseId(c.req.param('id'))
  const p = id ? await findProjectFor(c.get('db'), userOf(c), id) : null
  return p && opts.activeOnly && p.deleted_at ? null : p
}
