import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, readForm, type FormValues } from '../lib/forms.ts'
import type { LockInfo } from '../live/locks.ts'
import { presentUsers } from '../live/presence.live.tsx'
import { lockForEdit, lockOfPost } from '../live/record-lock.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { CustomerForm } from '../../views/customers/CustomerForm.tsx'
import { customerLockProps } from '../../views/customers/CustomerDetail.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { LockHeartbeat } from '../../views/live/LockHeartbeat.tsx'
import { EditLockNotice } from '../../views/live/LockNotice.tsx'
import { Presence } from '../../views/live/Presence.tsx'
import { customerStream, publishCustomer } from './customers.live.tsx'
import { updateCustomer } from './customers.queries.ts'
import { CUSTOMER_FIELDS, customerForm } from './customers.schema.ts'
import type { Customer } from './customers.table.ts'
import { loadCustomer } from './load-customer.ts'

// Editing a customer: the form takes the edit lock; the save checks the version.
export const customerEditRoutes = new Hono<AppEnv>()
// Permission per route, not use(): this sub-app is mounted at '/:id', and a use() here
// would also guard every other path under it.
const canWrite = requirePermission('customers.write')

const FIELD_NAMES = CUSTOMER_FIELDS.map(([n]) => n)

async function renderEdit(
  c: Ctx,
  row: Customer,
  form: FormState,
  version: number,
  lock: LockInfo | null,
  token?: string,
) {
  const me = userOf(c)
  const present = await presentUsers(c.get('db'), customerStream(row.id))
  return c.render(
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">Заказчик: {row.name}</h1>
        <Presence stream={customerStream(row.id)} users={present} meId={me.id} />
      </div>
      <EditLockNotice {...customerLockProps(row, me, lock)} />
      {token && <LockHeartbeat token={token} />}
      <CustomerForm
        form={form}
        action={`/customers/${row.id}`}
        cancelHref={`/customers/${row.id}`}
        version={version}
        lockToken={token}
        releaseAction={`/customers/${row.id}/lock/release`}
        readOnly={!!lock && lock.user_id !== me.id}
      />
    </div>,
    { title: row.name, streams: [customerStream(row.id)] },
  )
}

customerEditRoutes.get('/edit', canWrite, async (c) => {
  const row = await loadCustomer(c, { activeOnly: true })
  if (!row) return renderError(c, 404)
  const { lock, token } = await lockForEdit(c, 'customer', row.id)
  return renderEdit(c, row, emptyForm(formValuesOf(row, FIELD_NAMES)), row.version, lock, token)
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

customerEditRoutes.post('/', canWrite, async (c) => {
  const row = await loadCustomer(c, { activeOnly: true })
  if (!row) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const { token, lock } = await lockOfPost(c, 'customer', row.id, body)
  const form = await readForm(body, customerForm)
  if (!form.ok) {
    c.status(422)
    return renderEdit(c, row, form, version, lock, token)
  }
  const saved = await updateCustomer(c.get('db'), actorOf(c), row.id, version, form.data, token)
  if (!saved.ok) return renderConflict(c, saved.current, form.values)
  const live = c.get('deps').live
  await publishCustomer(live, row.id)
  if (token) await live.publishLock('customer', row.id)
  return redirectWithFlash(c, `/customers/${row.id}`, 'Изменения сохранены')
})
