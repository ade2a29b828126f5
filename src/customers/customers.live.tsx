import { can } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { domId } from '../lib/dom-id.ts'
import type { Hub } from '../live/hub.ts'
import { currentLock } from '../live/locks.ts'
import { oob } from '../live/oob.ts'
import { everySubscriber, type LiveRegistry } from '../live/registry.ts'
import { EditLockNotice, LockSlot } from '../../views/live/LockNotice.tsx'
import { CustomerCard, customerLockProps } from '../../views/customers/CustomerDetail.tsx'
import { CustomerRow } from '../../views/customers/CustomerList.tsx'
import { findCustomer } from './customers.queries.ts'

export const CUSTOMERS_STREAM = 'customers'
export const customerStream = (id: number) => `customer:${id}`

async function load(db: Db, id: string) {
  const c = await findCustomer(db, Number(id))
  return c ? { c, lock: await currentLock(db, 'customer', c.id) } : null
}
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>
const key = (u: Parameters<typeof can>[0] & { id: number }, { lock }: Loaded) =>
  `${+can(u, 'customers.write')}${+can(u, 'locks.break')}${lock ? (lock.user_id === u.id ? 'h' : 'o') : 'f'}`

// Customers are a company-wide reference: whoever may read them was admitted at subscription.
export function registerCustomersLive(r: LiveRegistry) {
  const readers = async (_db: Db, user: Parameters<typeof can>[0]) => can(user, 'customers.read')
  r.stream(CUSTOMERS_STREAM, { authorize: readers })
  r.stream('customer', { authorize: readers, presence: true })
  r.fragment('customer.row', {
    load,
    audience: everySubscriber,
    variant: () => '',
    render: (_u, { c }) =>
      c.deleted_at
        ? `<tr id="${domId('customer', c.id)}" hx-swap-oob="delete"></tr>`
        : oob(<CustomerRow c={c} />),
  })
  r.fragment('customer.row.new', {
    load,
    audience: everySubscriber,
    variant: () => '',
    render: (_u, { c }) =>
      oob(
        <tbody>
          <CustomerRow c={c} fresh />
        </tbody>,
        'afterbegin:#customers-rows',
      ),
  })
  r.fragment('customer.card', {
    load,
    audience: everySubscriber,
    variant: key,
    render: (u, { c, lock }) => oob(<CustomerCard c={c} me={u} lock={lock} />),
  })
  r.fragment('customer.lock', {
    load,
    audience: everySubscriber,
    variant: key,
    render: async (u, { c, lock }) => {
      const props = customerLockProps(c, u, lock)
      return (await oob(<LockSlot {...props} />)) + (await oob(<EditLockNotice {...props} />))
    },
  })
}

export async function publishCustomer(live: Hub, id: number, opts: { created?: boolean } = {}) {
  await live.publish({
    stream: CUSTOMERS_STREAM,
    kind: opts.created ? 'customer.row.new' : 'customer.row',
    id,
  })
  if (!opts.created) await live.publish({ stream: customerStream(id), kind: 'customer.card', id })
}
