import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FormValues } from '../lib/forms.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { BatchEditForm } from '../../views/stock/BatchEditForm.tsx'
import { StockPage } from '../../views/stock/StockPage.tsx'
import { findBatch, updateBatch } from './batches.queries.ts'
import { BATCH_EDIT_FIELDS, batchEditForm } from './batches.schema.ts'
import type { StockBatch } from './stock.table.ts'
import { afterStockChange } from './stock.live.tsx'

// Correcting a batch's passport data; the quantities move only through the ledger.
export const batchEditRoutes = new Hono<AppEnv>()
const NAMES = BATCH_EDIT_FIELDS.map(([n]) => n as string)

async function load(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findBatch(c.get('db'), id) : undefined
}

function renderForm(c: Ctx, b: StockBatch, form: FormState, version: number) {
  return c.render(
    <StockPage current="batches" title={`Паспорт партии № ${b.number}`}>
      <BatchEditForm id={b.id} form={form} version={version} />
    </StockPage>,
    { title: `Партия № ${b.number}` },
  )
}

batchEditRoutes.get('/:id/edit', async (c) => {
  const b = await load(c)
  if (!b) return renderError(c, 404)
  if (!can(userOf(c), 'stock.write')) return renderError(c, 403)
  return renderForm(c, b, emptyForm(formValuesOf(b, NAMES)), b.version)
})

async function renderConflict(c: Ctx, current: StockBatch, typed: FormValues) {
  const saved = formValuesOf(current, NAMES)
  c.status(409)
  return c.render(
    <StockPage current="batches" title={`Паспорт партии № ${current.number}`}>
      <ConflictView
        action={`/stock/batches/${current.id}`}
        currentVersion={current.version}
        updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
        updatedAt={formatDateTime(current.updated_at)}
        fields={BATCH_EDIT_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: (typed[name] ?? '').trim(),
        }))}
        typed={typed}
        cancelHref={`/stock/batches/${current.id}`}
      />
    </StockPage>,
    { title: current.number },
  )
}

batchEditRoutes.post('/:id', async (c) => {
  const b = await load(c)
  if (!b) return renderError(c, 404)
  if (!can(userOf(c), 'stock.write')) return renderError(c, 403)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, batchEditForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, b, form, version)
  }
  const saved = await updateBatch(c.get('db'), actorOf(c), b.id, version, form.data)
  if (!saved.ok) return renderConflict(c, saved.current, form.values)
  await afterStockChange(c.get('deps'), [b.id])
  return redirectWithFlash(c, `/stock/batches/${b.id}`, 'Паспорт партии сохранён')
})
