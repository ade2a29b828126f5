import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { readForm } from '../lib/forms.ts'
import { lockRoutes } from '../live/lock.routes.tsx'
import { currentLock } from '../live/locks.ts'
import { presentUsers } from '../live/presence.live.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { CustomerCard, CustomerDetail } from '../../views/customers/CustomerDetail.tsx'
import { CustomerForm } from '../../views/customers/CustomerForm.tsx'
import { CustomerList, CustomersPage } from '../../views/customers/CustomerList.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { CUSTOMERS_STREAM, customerStream, publishCustomer } from './customers.live.tsx'
import { createCustomer, listCustomers, setCustomerDeleted } from './customers.queries.ts'
import { customerForm, customerQuery } from './customers.schema.ts'
import { customerEditRoutes } from './edit.routes.tsx'
import { loadCustomer } from './load-customer.ts'

export const customerRoutes = new Hono<AppEnv>()
customerRoutes.use(requirePermission('customers.read'))

customerRoutes.get('/', zValidator('query', customerQuery), async (c) => {
  const q = c.req.valid('query')
  const canWrite = can(userOf(c), 'customers.write')
  const deleted = !!q.deleted && canWrite
  const page = await listCustomers(c.get('db'), { ...q, deleted: deleted ? '1' : undefined })
  const url = new URL(c.req.url)
  const list = {
    ...page,
    resyncUrl: url.pathname + url.search,
    query: url.searchParams,
    isFirst: !q.after,
    canWrite,
  }
  if (wantsFragment(c)) return c.html(<CustomerList {...list} />)
  return c.render(
    <CustomersPage list={list} q={q.q ?? ''} deleted={deleted} canWrite={canWrite} />,
    {
      title: 'Заказчики',
      streams: [CUSTOMERS_STREAM],
    },
  )
})

const renderNew = (c: Ctx, form: FormState) =>
  c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Новый заказчик</h1>
      <CustomerForm form={form} action="/customers" cancelHref="/customers" />
    </div>,
    { title: 'Новый заказчик' },
  )

customerRoutes.get('/new', requirePermission('customers.write'), (c) => renderNew(c, emptyForm()))

customerRoutes.post('/', requirePermission('customers.write'), async (c) => {
  const form = await readForm(await c.req.parseBody(), customerForm)
  if (!form.ok) {
    c.status(422)
    return renderNew(c, form)
  }
  const row = await createCustomer(c.get('db'), actorOf(c), form.data)
  await publishCustomer(c.get('deps').live, row.id, { created: true })
  return redirectWithFlash(c, `/customers/${row.id}`, `Заказчик «${row.name}» создан`)
})

customerRoutes.get('/:id', async (c) => {
  const row = await loadCustomer(c)
  if (!row) return renderError(c, 404)
  const db = c.get('db')
  const [projects, lock, present] = await Promise.all([
    db
      .selectFrom('projects')
      .select(['id', 'name', 'code'])
      .where('customer_id', '=', row.id)
      .where('deleted_at', 'is', null)
      .where(visibleProjects(userOf(c)))
      .orderBy('name')
      .limit(200)
      .execute(),
    currentLock(db, 'customer', row.id),
    presentUsers(db, customerStream(row.id)),
  ])
  return c.render(
    <CustomerDetail c={row} me={userOf(c)} lock={lock} present={present} projects={projects} />,
    {
      title: row.name,
      streams: [customerStream(row.id)],
    },
  )
})

// The card alone: a page that reconnects reloads it to catch up.
customerRoutes.get('/:id/card', async (c) => {
  const row = await loadCustomer(c)
  if (!row) return renderError(c, 404)
  const lock = await currentLock(c.get('db'), 'customer', row.id)
  return c.html(<CustomerCard c={row} me={userOf(c)} lock={lock} />)
})

for (const [path, deleted, message] of [
  ['delete', true, 'Заказчик удалён. Его можно восстановить.'],
  ['restore', false, 'Заказчик восстановлен'],
] as const) {
  customerRoutes.post(`/:id/${path}`, requirePermission('customers.write'), async (c) => {
    const row = await loadCustomer(c)
    if (!row) return renderError(c, 404)
    await setCustomerDeleted(c.get('db'), actorOf(c), row.id, deleted)
    await publishCustomer(c.get('deps').live, row.id)
    return redirectWithFlash(c, `/customers/${row.id}`, message)
  })
}

customerRoutes.route('/:id', customerEditRoutes)
customerRoutes.route(
  '/:id/lock',
  lockRoutes({
    type: 'customer',
    find: (c) => loadCustomer(c, { activeOnly: true }),
    href: (id) => `/customers/${id}`,
  }),
)
