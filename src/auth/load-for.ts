import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { can } from './current-user.ts'
import type { Permission } from './permissions.ts'

export type Loaded<T> =
  | { record: T; res?: undefined }
  | { record?: undefined; res: Response | Promise<Response> }

// Steps 2 and 3 of every handler (STYLE.md): the record through a finder scoped to the user —
// none means 404, never a hint that it exists — then the permissions, else 403.
export async function loadFor<T>(
  c: Ctx,
  find: (c: Ctx) => Promise<T | null | undefined>,
  ...permissions: Permission[]
): Promise<Loaded<T>> {
  const record = await find(c)
  if (!record) return { res: renderError(c, 404) }
  if (!permissions.every((p) => can(userOf(c), p))) return { res: renderError(c, 403) }
  return { record }
}
