import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../../app-env.ts'
import { actorOf, userOf } from '../../app-env.ts'
import { can } from '../../auth/current-user.ts'
import { redirectWithFlash, wantsFragment } from '../../lib/flash.ts'
import { readForm, type FormValues } from '../../lib/forms.ts'
import { publishNotifications } from '../../notifications/notifications.live.tsx'
import { emptyForm, type FormState } from '../../../views/components/Field.tsx'
import { renderError } from '../../../views/layout/ErrorPage.tsx'
import { RequestForm } from '../../../views/stock/requests/RequestForm.tsx'
import { RequestList } from '../../../views/stock/requests/RequestList.tsx'
import { RequestsPage } from '../../../views/stock/requests/RequestsPage.tsx'
import { publishStockChanged, STOCK_STREAM } from '../stock.live.tsx'
import { loadRequest, renderCard } from './request-page.tsx'
import {
  createRequest,
  findOrderableProject,
  listRequests,
  requestHref,
  requestProjects,
  stockedMaterials,
} from './requests.queries.ts'
import { requestForm, requestQuery } from './requests.schema.ts'
import { transitionRoutes } from './transitions.routes.tsx'

// «Заявки на материал»: the list, a new request from a site, one request and its transitions.
export const requestRoutes = new Hono<AppEnv>()

requestRoutes.get('/', zValidator('query', requestQuery), async (c) => {
  const user = userOf(c)
  const db = c.get('db')
  const q = c.req.valid('query')
  const url = new URL(c.req.url)
  const list = {
    ...(await listRequests(db, user, q)),
    query: url.searchParams,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
  }
  if (wantsFragment(c)) return c.html(<RequestList {...list} />)
  const [projects, materials] = await Promise.all([requestProjects(db, user), stockedMaterials(db)])
  return c.render(
    <RequestsPage
      q={q}
      list={list}
      projects={projects}
      materials={materials}
      canCreate={can(user, 'requests.create')}
    />,
    { title: 'Заявки на материал', streams: [STOCK_STREAM] },
  )
})

async function renderForm(c: Ctx, form: FormState) {
  const db = c.get('db')
  const [projects, materials] = await Promise.all([
    requestProjects(db, userOf(c)),
    stockedMaterials(db),
  ])
  return c.render(<RequestForm form={form} projects={projects} materials={materials} />, {
    title: 'Новая заявка на материал',
  })
}

requestRoutes.get('/new', async (c) => {
  const user = userOf(c)
  if (!can(user, 'requests.create')) return renderError(c, 403)
  const values: FormValues = {}
  const project = c.req.query('project')
  if (project) {
    const p = /^\d{1,12}$/.test(project)
      ? await findOrderableProject(c.get('db'), user, Number(project))
      : null
    if (!p) return renderError(c, 404)
    values.project_id = String(p.id)
  }
  return renderForm(c, emptyForm(values))
})

requestRoutes.post('/', async (c) => {
  const user = userOf(c)
  if (!can(user, 'requests.create')) return renderError(c, 403)
  const db = c.get('db')
  const form = await readForm(await c.req.parseBody(), requestForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, form)
  }
  const { project_id, material_id } = form.data
  const project = await findOrderableProject(db, user, project_id)
  if (!project) return renderError(c, 404)
  const material = (await stockedMaterials(db)).find((m) => m.id === material_id)
  if (!material) {
    c.status(422)
    return renderForm(c, {
      values: form.values,
      errors: { material_id: 'Выберите материал из списка складских' },
    })
  }
  const { row, notified } = await createRequest(db, actorOf(c), form.data, {
    material_name: material.name,
    unit: material.unit,
    project_code: project.code,
  })
  await publishNotifications(c.get('deps').live, notified)
  await publishStockChanged(c.get('deps').live)
  return redirectWithFlash(c, requestHref(row.id), `Заявка № ${row.id} отправлена на согласование`)
})

requestRoutes.get('/:id/card', async (c) => {
  const r = await loadRequest(c)
  if (!r) return renderError(c, 404)
  return c.html(await renderCard(c, r))
})

requestRoutes.route('/', transitionRoutes)
