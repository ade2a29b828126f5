import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { stockProjects } from './access.ts'
import { moscowToday } from '../documents/state.ts'
import { fileRoute } from '../files/download.ts'
import { storeUpload, UploadRefused } from '../files/storage.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { parseId, readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { BatchDetails, BatchDocuments, Ledger } from '../../views/stock/BatchCard.tsx'
import { BalanceChart } from '../../views/stock/BalanceChart.tsx'
import { batchBalanceSeries } from './balance-chart.queries.ts'
import { DocumentUploadForm, MovementForm, ReceiptForm } from '../../views/stock/BatchForms.tsx'
import { BatchList } from '../../views/stock/BatchList.tsx'
import { BatchFilters } from '../../views/stock/BatchFilters.tsx'
import { StockPage } from '../../views/stock/StockPage.tsx'
import { addBatchDocument, batchDocumentForm, batchDocuments } from './batch-documents.ts'
import {
  batchMovements,
  findBatch,
  listBatches,
  listWarehouses,
  receiveBatch,
  setBlocked,
  stockedMaterials,
  type BatchRow,
} from './batches.queries.ts'
import { batchForm, batchQuery, movementForm } from './batches.schema.ts'
import { batchEditRoutes } from './batch-edit.routes.tsx'
import { applyMovement } from './ledger.ts'
import { findRequestFor, fulfilRequest, publishFulfilled } from './requests/requests.queries.ts'
import { afterStockChange, publishStockChanged } from './stock.live.tsx'

export const batchRoutes = new Hono<AppEnv>()

const mayWrite = (c: Ctx) => can(userOf(c), 'stock.write')

batchRoutes.get('/', async (c) => {
  const url = new URL(c.req.url)
  const q = batchQuery.parse(Object.fromEntries(url.searchParams))
  const today = moscowToday()
  const db = c.get('db')
  const page = await listBatches(db, q, today)
  const list = (
    <BatchList
      rows={page.rows}
      next={page.next}
      query={url.searchParams}
      isFirst={!q.after}
      resyncUrl={url.pathname + url.search}
      today={today}
      canReceive={mayWrite(c)}
    />
  )
  if (wantsFragment(c)) return c.html(list)
  const [materials, warehouses] = await Promise.all([stockedMaterials(db), listWarehouses(db)])
  return c.render(
    <StockPage
      current="batches"
      title="Партии материалов"
      actions={
        mayWrite(c) && (
          <a class="btn btn-primary" href="/stock/batches/new">
            Приход партии
          </a>
        )
      }
    >
      <BatchFilters q={q} materials={materials} warehouses={warehouses} />
      {list}
    </StockPage>,
    { title: 'Партии материалов', streams: ['stock'] },
  )
})

async function renderReceipt(c: Ctx, form: FormState) {
  const db = c.get('db')
  const [materials, warehouses] = await Promise.all([stockedMaterials(db), listWarehouses(db)])
  return c.render(
    <StockPage current="batches" title="Приход партии">
      <ReceiptForm
        form={form}
        materials={materials}
        warehouses={warehouses.map((w) => [String(w.id), w.name])}
      />
    </StockPage>,
    { title: 'Приход партии' },
  )
}

// ?request=&material=&qty= come from a material request the storekeeper fulfils.
batchRoutes.get('/new', async (c) => {
  if (!mayWrite(c)) return renderError(c, 403)
  const [request, material, qty] = ['request', 'material', 'qty'].map((k) => c.req.query(k) ?? '')
  return renderReceipt(
    c,
    emptyForm({
      received_on: moscowToday(),
      warehouse_id: '1',
      material_id: material,
      received_qty: qty.replace('.', ','),
      request_id: request,
    }),
  )
})

batchRoutes.post('/', async (c) => {
  if (!mayWrite(c)) return renderError(c, 403)
  const form = await readForm(await c.req.parseBody(), batchForm)
  if (!form.ok) {
    c.status(422)
    return renderReceipt(c, form)
  }
  const actor = actorOf(c)
  // Only a request the storekeeper can see is fulfilled by the receipt (else it is ignored).
  const requestId = form.data.request_id
  const request = requestId ? await findRequestFor(c.get('db'), userOf(c), requestId) : null
  let fulfilled = false
  const data = { ...form.data, request_id: request?.id ?? null }
  const batch = await receiveBatch(c.get('db'), actor, data, moscowToday(), async (trx, b) => {
    if (request) fulfilled = await fulfilRequest(trx, actor, request.id, b.id)
  })
  if (request && fulfilled) await publishFulfilled(c.get('deps'), request.id)
  await afterStockChange(c.get('deps'), [batch.id])
  return redirectWithFlash(
    c,
    `/stock/batches/${batch.id}`,
    `Приход партии № ${batch.number} оформлен`,
  )
})

async function load(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findBatch(c.get('db'), id) : undefined
}

async function movementOptions(c: Ctx) {
  const db = c.get('db')
  const [projects, crews] = await Promise.all([
    db
      .selectFrom('projects')
      .select(['id', 'code', 'short_name'])
      .where(stockProjects(userOf(c)))
      .where('deleted_at', 'is', null)
      .where('status', '=', 'active')
      .orderBy('code')
      .limit(500)
      .execute(),
    db
      .selectFrom('crews')
      .select(['id', 'name'])
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .execute(),
  ])
  return {
    projects: projects.map((p): [string, string] => [String(p.id), `${p.code} ${p.short_name}`]),
    crews: crews.map((x): [string, string] => [String(x.id), x.name]),
  }
}

interface CardState {
  movement?: FormState & { shortfall?: number }
  document?: FormState
}

async function renderCard(c: Ctx, b: BatchRow, state: CardState = {}) {
  const db = c.get('db')
  const user = userOf(c)
  const today = moscowToday()
  const [docs, ledger, options, balance] = await Promise.all([
    batchDocuments(db, b.id),
    batchMovements(db, b.id, c.req.query('after')),
    mayWrite(c) ? movementOptions(c) : null,
    batchBalanceSeries(db, b.id),
  ])
  const base = `/stock/batches/${b.id}`
  return c.render(
    <StockPage
      current="batches"
      title={`${b.material_name}: партия № ${b.number}`}
      actions={
        mayWrite(c) && (
          <div class="flex flex-wrap gap-2">
            <a class="btn" href={`${base}/edit`}>
              Изменить паспорт
            </a>
            <form
              method="post"
              action={`${base}/${b.blocked ? 'unblock' : 'block'}`}
              class="flex gap-2"
            >
              {!b.blocked && (
                <input
                  class="input"
                  name="reason"
                  placeholder="Причина блокировки"
                  aria-label="Причина блокировки"
                  required
                />
              )}
              <button class="btn" type="submit">
                {b.blocked ? 'Разблокировать' : 'Заблокировать'}
              </button>
            </form>
          </div>
        )
      }
    >
      <BatchDetails b={b} today={today} user={user} />
      <BalanceChart batchId={b.id} unit={b.unit} points={balance} today={today} />
      {options && (
        <MovementForm
          action={`${base}/movements`}
          form={state.movement ?? emptyForm({ kind: 'issue', moved_on: today })}
          projects={options.projects}
          crews={options.crews}
          canCorrect={can(user, 'stock.correct')}
          shortfall={state.movement?.shortfall}
        />
      )}
      <BatchDocuments
        batchId={b.id}
        docs={docs}
        upload={
          mayWrite(c) && (
            <DocumentUploadForm
              action={`${base}/documents`}
              form={state.document ?? emptyForm({ kind: 'certificate' })}
            />
          )
        }
      />
      <Ledger batchId={b.id} rows={ledger.rows} unit={b.unit} />
      {ledger.next && (
        <a class="btn" href={`${base}?after=${ledger.next}`}>
          Более ранние движения →
        </a>
      )}
    </StockPage>,
    { title: `Партия № ${b.number}`, streams: ['stock'] },
  )
}

batchRoutes.get('/:id', async (c) => {
  const b = await load(c)
  return b ? renderCard(c, b) : renderError(c, 404)
})

batchRoutes.get('/:id/details', async (c) => {
  const b = await load(c)
  return b
    ? c.html(<BatchDetails b={b} today={moscowToday()} user={userOf(c)} />)
    : renderError(c, 404)
})

batchRoutes.get('/:id/balance', async (c) => {
  const b = await load(c)
  if (!b) return renderError(c, 404)
  const points = await batchBalanceSeries(c.get('db'), b.id)
  return c.html(<BalanceChart batchId={b.id} unit={b.unit} points={points} today={moscowToday()} />)
})

batchRoutes.get('/:id/ledger', async (c) => {
  const b = await load(c)
  if (!b) return renderError(c, 404)
  const ledger = await batchMovements(c.get('db'), b.id)
  return c.html(<Ledger batchId={b.id} rows={ledger.rows} unit={b.unit} />)
})

batchRoutes.post('/:id/movements', async (c) => {
  const b = await load(c)
  if (!b) return renderError(c, 404)
  if (!mayWrite(c)) return renderError(c, 403)
  const user = userOf(c)
  const form = await readForm(await c.req.parseBody(), movementForm)
  const again = (errors: FieldErrors, values: FormValues, shortfall?: number) => {
    c.status(422)
    return renderCard(c, b, { movement: { errors, values, shortfall } })
  }
  if (!form.ok) return again(form.errors, form.values)
  const d = form.data
  if (d.kind === 'correction' && !can(user, 'stock.correct')) return renderError(c, 403)
  if (d.kind !== 'correction' && d.quantity < 0)
    return again({ quantity: 'Количество должно быть больше нуля' }, form.values)
  if (d.kind === 'issue' && !d.project_id && !d.crew_id)
    return again({ project_id: 'Укажите объект или бригаду' }, form.values)
  if (d.project_id && !(await mayUseProject(c, d.project_id)))
    return again({ project_id: 'Нет доступа к этому объекту' }, form.values)
  const correcting = d.correct === '1' && can(user, 'stock.correct')
  if (correcting && !d.correction_reason)
    return again({ correction_reason: 'Укажите причину корректировки' }, form.values, 0)
  const r = await applyMovement(
    c.get('db'),
    actorOf(c),
    {
      batchId: b.id,
      kind: d.kind,
      quantity: d.quantity,
      movedOn: d.moved_on as string,
      projectId: d.project_id,
      crewId: d.crew_id,
      reason: d.reason,
      correctShortfall: correcting ? { reason: d.correction_reason as string } : null,
    },
    moscowToday(),
  )
  if (!r.ok) {
    const field = r.error === 'Укажите причину' ? 'reason' : 'quantity'
    return again({ [field]: r.error, _form: r.error }, form.values, r.shortfall)
  }
  await afterStockChange(c.get('deps'), [b.id])
  return redirectWithFlash(c, `/stock/batches/${b.id}`, 'Движение проведено')
})

async function mayUseProject(c: Ctx, projectId: number) {
  const row = await c
    .get('db')
    .selectFrom('projects')
    .select('id')
    .where('id', '=', projectId)
    .where(stockProjects(userOf(c)))
    .executeTakeFirst()
  return !!row
}

batchRoutes.post('/:id/documents', async (c) => {
  const b = await load(c)
  if (!b) return renderError(c, 404)
  if (!mayWrite(c)) return renderError(c, 403)
  const body = await c.req.parseBody()
  const form = await readForm(body, batchDocumentForm)
  const again = (errors: FieldErrors) => {
    c.status(422)
    return renderCard(c, b, { document: { errors, values: form.values } })
  }
  if (!form.ok) return again(form.errors)
  let fileId: number | null = null
  const file = body.file
  if (file instanceof File && (file.size > 0 || file.name)) {
    try {
      const stored = await storeUpload(c.get('db'), actorOf(c), c.get('deps').config, file, {
        allowed: ['pdf', 'image'],
      })
      fileId = stored.id
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e
      return again({ file: e.message })
    }
  } else if (!form.data.number) {
    return again({ number: 'Укажите номер документа или приложите файл' })
  }
  await addBatchDocument(c.get('db'), actorOf(c), b.id, form.data, fileId)
  await publishStockChanged(c.get('deps').live)
  return redirectWithFlash(c, `/stock/batches/${b.id}`, 'Документ добавлен')
})

batchRoutes.get(
  '/:id/documents/:docId/file',
  fileRoute({
    inline: true,
    find: async (c) => {
      const id = parseId(c.req.param('id'))
      const docId = parseId(c.req.param('docId'))
      if (!id || !docId) return null
      const d = await c
        .get('db')
        .selectFrom('stock_batch_documents')
        .select('file_id')
        .where('id', '=', docId)
        .where('batch_id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
      return d?.file_id ? { fileId: d.file_id } : null
    },
  }),
)

for (const action of ['block', 'unblock'] as const) {
  batchRoutes.post(`/:id/${action}`, async (c) => {
    const b = await load(c)
    if (!b) return renderError(c, 404)
    if (!mayWrite(c)) return renderError(c, 403)
    const reason = String((await c.req.parseBody()).reason ?? '').trim()
    if (action === 'block' && !reason)
      return redirectWithFlash(c, `/stock/batches/${b.id}`, 'Укажите причину блокировки')
    await setBlocked(c.get('db'), actorOf(c), b.id, action === 'block', reason.slice(0, 500))
    await afterStockChange(c.get('deps'), [b.id])
    return redirectWithFlash(
      c,
      `/stock/batches/${b.id}`,
      action === 'block' ? 'Партия заблокирована' : 'Партия разблокирована',
    )
  })
}

batchRoutes.route('/', batchEditRoutes)
