import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { parseId, readForm } from '../lib/forms.ts'
import type { ProjectWithCustomer } from '../projects/projects.queries.ts'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { DocumentForm } from '../../views/documents/DocumentForm.tsx'
import { DocumentsPage } from '../../views/documents/DocumentsPage.tsx'
import { DocumentList } from '../../views/documents/DocumentList.tsx'
import { BulkMovementPage } from '../../views/documents/MovementForms.tsx'
import { loadFor } from '../auth/load-for.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { loadRegistryProject, overdueRule } from './access.ts'
import { moscowToday } from './state.ts'
import { publishDocuments, registryStream } from './documents.live.tsx'
import { countByState, createDocument, documentTypes, listDocuments } from './documents.queries.ts'
import { documentForm, documentQuery, returnForm, shipmentForm } from './documents.schema.ts'
import type { ReturnInput, ShipmentInput } from './documents.schema.ts'
import { createTransmittal, MovementRefused, shipOrReturn } from './movements.queries.ts'

// A project's registry of executive documents: /projects/:id/documents and its acts.
export const registryRoutes = new Hono<AppEnv>()

registryRoutes.get('/documents', zValidator('query', documentQuery), async (c) => {
  const p = await loadRegistryProject(c)
  if (!p) return renderError(c, 404)
  const db = c.get('db')
  const user = userOf(c)
  const q = { ...c.req.valid('query'), project: p.id }
  const rule = overdueRule(c)
  const url = new URL(c.req.url)
  const [page, counts, types] = await Promise.all([
    listDocuments(db, user, q, rule),
    countByState(db, user, q, rule),
    documentTypes(db),
  ])
  const canWrite = can(user, 'documents.write')
  const query = new URLSearchParams(url.searchParams)
  query.set('project', String(p.id)) // so the export takes this project only
  const list = {
    ...page,
    query,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
    o: { selectable: canWrite, showProject: false, isOverdue: rule.isOverdue },
    createHref: canWrite ? `/projects/${p.id}/documents/new` : undefined,
  }
  if (wantsFragment(c)) return c.html(<DocumentList {...list} />)
  return c.render(
    <DocumentsPage
      title="Исполнительная документация"
      subtitle={
        <a class="link text-sm" href={`/projects/${p.id}`}>
          {p.code} {p.short_name}
        </a>
      }
      base={url.pathname}
      q={q}
      counts={counts}
      list={list}
      types={types}
      selection={canWrite ? { projectId: p.id } : undefined}
      actions={
        canWrite && (
          <a class="btn btn-primary" href={`/projects/${p.id}/documents/new`}>
            + Новый документ
          </a>
        )
      }
    />,
    { title: `ИД ${p.code}`, streams: [registryStream(p.id)] },
  )
})

async function renderNew(c: Ctx, p: ProjectWithCustomer, form: FormState) {
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Новый документ — {p.code}</h1>
      <DocumentForm
        form={form}
        action={`/projects/${p.id}/documents`}
        cancelHref={`/projects/${p.id}/documents`}
        types={await documentTypes(c.get('db'))}
      />
    </div>,
    { title: 'Новый документ' },
  )
}

registryRoutes.get('/documents/new', async (c) => {
  const { record: p, res } = await loadFor(c, loadRegistryProject, 'documents.write')
  if (!p) return res
  return renderNew(c, p, emptyForm())
})

registryRoutes.post('/documents', async (c) => {
  const { record: p, res } = await loadFor(c, loadRegistryProject, 'documents.write')
  if (!p) return res
  const form = await readForm(await c.req.parseBody(), documentForm)
  if (!form.ok) {
    c.status(422)
    return renderNew(c, p, form)
  }
  const row = await createDocument(c.get('db'), actorOf(c), p.id, form.data)
  await publishDocuments(c.get('deps').live, p.id, [row.id], { created: true })
  return redirectWithFlash(c, `/documents/${row.id}`, `Документ № ${row.number} добавлен в реестр`)
})

// The documents ticked in the registry (?doc=1&doc=2), of this project only.
async function selected(c: Ctx, projectId: number, ids: number[]) {
  if (!ids.length) return []
  return c
    .get('db')
    .selectFrom('documents')
    .select(['id', 'number', 'title'])
    .where('project_id', '=', projectId)
    .where('id', 'in', ids.slice(0, 500))
    .where('deleted_at', 'is', null)
    .orderBy('number')
    .execute()
}
const idsOf = (values: unknown[]) =>
  values.map((v) => parseId(String(v))).filter((v): v is number => v !== null)

for (const kind of ['shipment', 'return'] as const) {
  const path = kind === 'shipment' ? '/transmittals/new' : '/documents/returns'
  const action = (id: number) =>
    `/projects/${id}${kind === 'shipment' ? '/transmittals' : '/documents/returns'}`
  const page = (
    c: Ctx,
    p: ProjectWithCustomer,
    form: FormState,
    docs: { id: number; number: string; title: string }[],
  ) =>
    c.render(
      <BulkMovementPage
        kind={kind}
        action={action(p.id)}
        cancelHref={`/projects/${p.id}/documents`}
        form={form}
        docs={docs}
      />,
      {
        title: kind === 'shipment' ? 'Реестр передачи' : 'Возврат документов',
      },
    )

  registryRoutes.get(path, async (c) => {
    const { record: p, res } = await loadFor(c, loadRegistryProject, 'documents.write')
    if (!p) return res
    const docs = await selected(c, p.id, idsOf(c.req.queries('doc') ?? []))
    if (!docs.length)
      return redirectWithFlash(c, `/projects/${p.id}/documents`, 'Отметьте документы в реестре')
    return page(
      c,
      p,
      emptyForm({
        on_date: moscowToday(), // the day in Moscow, not in UTC
        method: 'hand',
        condition: 'signed',
      }),
      docs,
    )
  })

  registryRoutes.post(kind === 'shipment' ? '/transmittals' : '/documents/returns', async (c) => {
    const { record: p, res } = await loadFor(c, loadRegistryProject, 'documents.write')
    if (!p) return res
    const body = await c.req.parseBody({ all: true })
    const raw = body.doc
    const docs = await selected(c, p.id, idsOf(Array.isArray(raw) ? raw : raw ? [raw] : []))
    const flat = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
    )
    const form = await readForm(flat, kind === 'shipment' ? shipmentForm : returnForm)
    if (!form.ok || !docs.length) {
      c.status(422)
      return page(
        c,
        p,
        form.ok
          ? { values: form.values, errors: { _form: 'Не выбрано ни одного документа' } }
          : form,
        docs,
      )
    }
    const ids = docs.map((d) => d.id)
    try {
      const db = c.get('db')
      if (kind === 'shipment') {
        const t = await createTransmittal(db, actorOf(c), p, ids, form.data as ShipmentInput)
        await publishDocuments(c.get('deps').live, p.id, ids)
        return redirectWithFlash(
          c,
          `/transmittals/${t.id}`,
          `Акт ${t.number} сформирован, документов: ${ids.length}`,
        )
      }
      await shipOrReturn(db, actorOf(c), p.id, ids, {
        kind: 'return',
        ...(form.data as ReturnInput),
      })
      await publishDocuments(c.get('deps').live, p.id, ids)
      return redirectWithFlash(
        c,
        `/projects/${p.id}/documents`,
        `Возврат зарегистрирован, документов: ${ids.length}`,
      )
    } catch (e) {
      if (!(e instanceof MovementRefused)) throw e
      c.status(422)
      return page(c, p, { values: form.values, errors: { _form: e.problems.join('. ') } }, docs)
    }
  })
}
