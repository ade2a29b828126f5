import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { readForm, type FormValues } from '../lib/forms.ts'
import { lockRoutes } from '../live/lock.routes.tsx'
import { currentLock } from '../live/locks.ts'
import { DocumentList } from '../../views/documents/DocumentList.tsx'
import { DocumentCard } from '../../views/documents/DocumentPage.tsx'
import { DocumentsPage } from '../../views/documents/DocumentsPage.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { loadDocument, overdueRule } from './access.ts'
import { documentEditRoutes } from './edit.routes.tsx'
import { documentFileRoutes } from './files.routes.tsx'
import { renderDocumentPage } from './document-page.tsx'
import { enqueue } from '../jobs/queue.ts'
import { EXPORT_KIND } from './export.job.ts'
import { publishDocuments } from './documents.live.tsx'
import { countByState, documentTypes, listDocuments } from './documents.queries.ts'
import {
  documentQuery,
  returnForm,
  shipmentForm,
  type ReturnInput,
  type ShipmentInput,
} from './documents.schema.ts'
import { MovementRefused, shipOrReturn } from './movements.queries.ts'

// Documents across every project the user may see, and one document's page.
export const documentRoutes = new Hono<AppEnv>()

documentRoutes.get('/', zValidator('query', documentQuery), async (c) => {
  const user = userOf(c)
  if (!can(user, 'documents.read')) return renderError(c, 403)
  const db = c.get('db')
  const q = c.req.valid('query')
  const rule = overdueRule(c)
  const url = new URL(c.req.url)
  const [page, counts, types, projects] = await Promise.all([
    listDocuments(db, user, q, rule),
    countByState(db, user, q, rule),
    documentTypes(db),
    db
      .selectFrom('projects')
      .select(['id', 'code', 'short_name'])
      .where(visibleProjects(user))
      .where('deleted_at', 'is', null)
      .orderBy('code')
      .limit(1000)
      .execute(),
  ])
  const list = {
    ...page,
    query: url.searchParams,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
    o: { selectable: false, showProject: true, isOverdue: rule.isOverdue },
  }
  if (wantsFragment(c)) return c.html(<DocumentList {...list} />)
  return c.render(
    <DocumentsPage
      title="Исполнительная документация"
      base="/documents"
      q={q}
      counts={counts}
      list={list}
      types={types}
      projects={projects}
    />,
    { title: 'Исполнительная документация' },
  )
})

// The filtered registry as XLSX, built in the background: the job page shows live progress.
documentRoutes.post('/export', async (c) => {
  if (!can(userOf(c), 'documents.read')) return renderError(c, 403)
  const body = await c.req.parseBody()
  const query = documentQuery.parse(
    Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')),
  )
  const id = await enqueue(c.get('db'), actorOf(c), EXPORT_KIND, {
    query: { ...query, after: undefined },
  })
  return c.redirect(`/jobs/${id}`, 303)
})

documentRoutes.get('/:id', (c) => renderDocumentPage(c))

documentRoutes.get('/:id/card', async (c) => {
  const d = await loadDocument(c)
  if (!d) return renderError(c, 404)
  const lock = await currentLock(c.get('db'), 'document', d.id)
  return c.html(
    <DocumentCard d={d} me={userOf(c)} lock={lock} overdue={overdueRule(c).isOverdue(d)} />,
  )
})

for (const kind of ['shipment', 'return'] as const) {
  documentRoutes.post(`/:id/${kind === 'shipment' ? 'ship' : 'return'}`, async (c) => {
    const d = await loadDocument(c)
    if (!d) return renderError(c, 404)
    if (!can(userOf(c), 'documents.write')) return renderError(c, 403)
    const form = await readForm(
      await c.req.parseBody(),
      kind === 'shipment' ? shipmentForm : returnForm,
    )
    const invalid = (values: FormValues, errors: Record<string, string>) => {
      c.status(422)
      return renderDocumentPage(c, { movementForm: { values, errors } })
    }
    if (!form.ok) return invalid(form.values, form.errors)
    const m =
      kind === 'shipment'
        ? { kind, ...(form.data as ShipmentInput) }
        : { kind, ...(form.data as ReturnInput) }
    try {
      await shipOrReturn(c.get('db'), actorOf(c), d.project_id, [d.id], m)
    } catch (e) {
      if (!(e instanceof MovementRefused)) throw e
      return invalid(form.values, { _form: e.problems.join('. ') })
    }
    await publishDocuments(c.get('deps').live, d.project_id, [d.id])
    return redirectWithFlash(
      c,
      `/documents/${d.id}`,
      kind === 'shipment' ? 'Отправка зарегистрирована' : 'Возврат зарегистрирован',
    )
  })
}

documentRoutes.route('/:id', documentEditRoutes)
documentRoutes.route('/:id/files', documentFileRoutes)
documentRoutes.route(
  '/:id/lock',
  lockRoutes({ type: 'document', find: loadDocument, href: (id) => `/documents/${id}` }),
)
