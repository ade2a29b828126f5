import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { isUniqueViolation } from '../db/connect.ts'
import { moscowToday } from '../documents/state.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { optionalDecimal, parseId, readForm } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { ConsumptionList } from '../../views/stock/ConsumptionList.tsx'
import { StockPage } from '../../views/stock/StockPage.tsx'
import { findPendingEntry, pendingConsumption } from './consumption.queries.ts'
import { applyMovement } from './ledger.ts'
import { afterStockChange } from './stock.live.tsx'

// Consumption from the work log, confirmed (or corrected) by the foreman or the storekeeper.
export const consumptionRoutes = new Hono<AppEnv>()

const listQuery = z.object({
  project: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
const confirmForm = z.object({
  quantity: optionalDecimal({ min: 0.001, max: 1_000_000 }).refine(
    (v) => v !== null,
    'Укажите расход',
  ),
})

async function renderList(c: Ctx, errors?: Record<number, { value: string; message: string }>) {
  const url = new URL(c.req.url)
  const q = listQuery.parse(Object.fromEntries(url.searchParams))
  const user = userOf(c)
  const page = await pendingConsumption(c.get('db'), user, q)
  const list = (
    <ConsumptionList
      rows={page.rows}
      next={page.next}
      query={url.searchParams}
      isFirst={!q.after}
      resyncUrl={`/stock/consumption${url.search}`}
      canConfirm={can(user, 'stock.consume')}
      errors={errors}
    />
  )
  if (wantsFragment(c) && !errors) return c.html(list)
  return c.render(
    <StockPage current="consumption" title="Расход по журналу работ">
      {list}
    </StockPage>,
    { title: 'Расход по журналу работ', streams: ['stock'] },
  )
}

consumptionRoutes.get('/', (c) => renderList(c))

consumptionRoutes.post('/:entryId', async (c) => {
  const user = userOf(c)
  const id = parseId(c.req.param('entryId'))
  const entry = id ? await findPendingEntry(c.get('db'), user, id) : undefined
  if (!entry || !entry.batch_id) return renderError(c, 404)
  if (!can(user, 'stock.consume')) return renderError(c, 403)
  const form = await readForm(await c.req.parseBody(), confirmForm)
  // Back to the list as the user filtered it (the project the foreman works on).
  const project = listQuery.parse(Object.fromEntries(new URL(c.req.url).searchParams)).project
  const back = `/stock/consumption${project ? `?project=${project}` : ''}`
  const fail = (message: string) => {
    c.status(422)
    return renderList(c, { [entry.id]: { value: form.values.quantity ?? '', message } })
  }
  if (!form.ok) return fail(form.errors.quantity ?? 'Укажите расход')
  try {
    const r = await applyMovement(
      c.get('db'),
      actorOf(c),
      {
        batchId: entry.batch_id,
        kind: 'consumption',
        quantity: form.data.quantity as number,
        movedOn: entry.work_date,
        projectId: entry.project_id,
        crewId: entry.crew_id,
        worklogEntryId: entry.id,
      },
      moscowToday(),
    )
    if (!r.ok) return fail(r.error)
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    return redirectWithFlash(c, back, 'Расход по этой записи уже подтверждён')
  }
  await afterStockChange(c.get('deps'), [entry.batch_id])
  return redirectWithFlash(c, back, 'Расход подтверждён и списан с партии')
})
