import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../../app-env.ts'
import { actorOf, userOf } from '../../app-env.ts'
import { can } from '../../auth/current-user.ts'
import { loadFor } from '../../auth/load-for.ts'
import { publishDocuments } from '../../documents/documents.live.tsx'
import { enqueue } from '../../jobs/queue.ts'
import { redirectWithFlash } from '../../lib/flash.ts'
import { loadProject } from '../../projects/load-project.ts'
import { renderError } from '../../../views/layout/ErrorPage.tsx'
import { RegisterPage } from '../../../views/stock/registry/RegisterPage.tsx'
import { attachRegister } from './attach.ts'
import { REGISTER_FORMATS, REGISTER_TITLE, type RegisterFormat } from './kinds.ts'
import { registerSubject, type RegisterPayload } from './register-subject.ts'
import { readPeriod, type Period } from './registry.schema.ts'

// «Реестр применяемых материалов» of a project, mounted at /stock/registry (stock.read is
// checked by /stock): /:id the page, /:id/export?format=xlsx|pdf a background file,
// /:id/attach the PDF filed in the project's executive documentation.
export const registryRoutes = new Hono<AppEnv>()

// The project through the user: one they are not given is a 404, as it does not exist.
const project = (c: Ctx) => loadProject(c, { activeOnly: true })

const pageUrl = (id: number, period: Period) => {
  const q = new URLSearchParams(Object.entries(period).filter(([, v]) => v) as [string, string][])
  return `/stock/registry/${id}${q.size ? `?${q}` : ''}`
}

const isFormat = (s: string | undefined): s is RegisterFormat =>
  !!s && Object.hasOwn(REGISTER_FORMATS, s)

registryRoutes.get('/:id', async (c) => {
  const { record: p, res } = await loadFor(c, project)
  if (!p) return res
  const s = await registerSubject(c.get('db'), p, readPeriod(c.req.query()))
  return c.render(<RegisterPage s={s} canAttach={can(userOf(c), 'documents.write')} />, {
    title: `${REGISTER_TITLE} ${p.code}`,
  })
})

registryRoutes.post('/:id/export', async (c) => {
  const { record: p, res } = await loadFor(c, project)
  if (!p) return res
  const body = await c.req.parseBody()
  const format = c.req.query('format') ?? String(body.format ?? '')
  if (!isFormat(format)) return renderError(c, 400)
  const payload: RegisterPayload = { projectId: p.id, ...readPeriod(body) }
  const id = await enqueue(c.get('db'), actorOf(c), REGISTER_FORMATS[format], payload)
  return c.redirect(`/jobs/${id}`, 303)
})

// Built while the user waits: the register of one project is a few pages that render in well
// under a second, and the answer is the new document's page, which must exist by then.
registryRoutes.post('/:id/attach', async (c) => {
  const { record: p, res } = await loadFor(c, project, 'documents.write')
  if (!p) return res
  const db = c.get('db')
  const s = await registerSubject(db, p, readPeriod(await c.req.parseBody()))
  if (!s.register.rows.length)
    return redirectWithFlash(
      c,
      pageUrl(p.id, s.period),
      `Материал на объект ${s.periodText} не списывался — реестр не приложен`,
    )
  const doc = await attachRegister(db, actorOf(c), c.get('deps').config, s)
  await publishDocuments(c.get('deps').live, p.id, [doc.id], { created: true })
  return redirectWithFlash(
    c,
    `/documents/${doc.id}`,
    `Реестр приложен к исполнительной документации: № ${doc.number}`,
  )
})
