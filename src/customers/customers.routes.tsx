import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FormValues } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { CustomerDetail } from '../../views/customers/CustomerDetail.tsx'
import { CustomerForm } from '../../views/customers/CustomerForm.tsx'
import { CustomerList, CustomersPage } from '../../views/customers/CustomerList.tsx'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import {
  createCustomer,
  findCustomer,
  listCustomers,
  setCustomerDeleted,
  updateCustomer,
} from './customers.queries.ts'
import { CUSTOMER_FIELDS, customerForm, customerQuery } from './customers.schema.ts'
import type { Customer } from './customers.table.ts'
import { userDisplayName } from '../users/users.queries.ts'

export const customerRoutes = new Hono<AppEnv>()
customerRoutes.use(requirePermission('customers.read'))

const FIELD_NAMES = CUSTOMER_FIELDS.map(([n]) => n)

customerRoutes.get('/', zValidator('query', customerQuery), async (c) => {
  const q = c.req.valid('query')
  const deleted = !!q.deleted && can(userOf(c), 'customers.write')
  const page = await listCustomers(c.get('db'), { ...q, deleted: deleted ? '1' : undefined })
  const query = new URLSearchParams(new URL(c.req.url).search)
  const list = { ...page, query, isFirst: !q.after }
  if (wantsFragment(c)) return c.html(<CustomerList {...list} />)
  return c.render(
    <CustomersPage
      list={list}
      q={q.q ?? ''}
      deleted={deleted}
      canWrite={can(userOf(c), 'customers.write')}
    />,
    { title: 'Заказчики' },
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
  return redirectWithFlash(c, `/customers/${row.id}`, `Заказчик «${row.name}» создан`)
})

// Customers are a company-wide reference: anyone with customers.read finds them.
async function loadCustomer(c: Ctx): Promise<Customer | null> {
  const id = parseId(c.req.param('id'))
  const row = id ? await findCustomer(c.get('db'), id) : undefined
  if (!row) return null
  if (row.deleted_at && !can(userOf(c), 'customers.write')) return null
  return row
}

customerRoutes.get('/:id', async (c) => {
  const row = await loadCustomer(c)
  if (!row) return renderError(c, 404)
  const projects = await c
    .get('db')
    .selectFrom('projects')
    .select(['id', 'name', 'code'])
    .where('customer_id', '=', row.id)
    .where('deleted_at', 'is', null)
    .where(visibleProjects(userOf(c)))
    .orderBy('name')
    .limit(200)
    .execute()
  return c.render(
    <CustomerDetail c={row} projects={projects} canWrite={can(userOf(c), 'customers.write')} />,
    {
      title: row.name,
    },
  )
})

const renderEdit = (c: Ctx, row: Customer, form: FormState, version: number) =>
  c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Заказчик: {row.name}</h1>
      <CustomerForm
        form={form}
        action={`/customers/${row.id}`}
        cancelHref={`/customers/${row.id}`}
        version={version}
      />
    </div>,
    { title: row.name },
  )

customerRoutes.get('/:id/edit', requirePermission('customers.write'), async (c) => {
  const row = await loadCustomer(c)
  if (!row) return renderError(c, 404)
  return renderEdit(c, row, emptyForm(formValuesOf(row, FIELD_NAMES)), row.version)
})

async function renderConflict(c: Ctx, current: Customer, typed: FormValues) {
  const saved = formValuesOf(current, FIELD_NAMES)
  c.status(409)
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Заказчик: {current.name}</h1>
      <ConflictView
        action={`/customers/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={CUSTOMER_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: typed[name] ?? '',
        }))}
        typed={typed}
        cancelHref={`/customers/${current.id}`}
      />
    </div>,
    { title: current.name },
  )
}

customerRoutes.post('/:id', requirePermission('customers.write'), async (c) => {
  const row = await loadCustomer(c)
  if (!row) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, customerForm)
  if (!form.ok) {
    c.status(422)
    return renderEdit(c, row, form, version)
  }
  const saved = await updateCustomer(c.get('db'), actorOf(c), row.id, version, form.data)
  if (!saved.ok) return renderConflict(c, saved.current, form.values)
  return redirectWithFlash(c, `/customers/${row.id}`, 'Изменения сохранены')
})

for (const [path, deleted, message] of [
  ['delete', true, 'Заказчик удалён. Его можно восстановить.'],
  ['restore', false, 'Заказчик восстановлен'],
] as const) {
  customerRoutes.post(`/:id/${path}`, requirePermission('customers.write'), async (c) => {
    const row = await loadCustomer(c)
    if (!row) return renderError(c, 404)
    await setCustomerDeleted(c.get('db'), actorOf(c), row.id, deleted)
    return redirectWithFlash(c, `/customers/${row.id}`, message)
  })
}
