import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { parseId } from '../lib/forms.ts'
import { findCustomer } from './customers.queries.ts'
import type { Customer } from './customers.table.ts'

// Customers are a company-wide reference: anyone with customers.read finds them; deleted ones
// only those who may restore them.
export async function loadCustomer(
  c: Ctx,
  opts: { activeOnly?: boolean } = {},
): Promise<Customer | null> {
  const id = parseId(c.req.param('id'))
  const row = id ? await findCustomer(c.get('db'), id) : undefined
  if (!row) return null
  if (row.deleted_at && (opts.activeOnly || !can(userOf(c), 'customers.write'))) return null
  return row
}
