import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import { formatDate } from '../lib/format.ts'
import { parseId } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { TransmittalPage } from '../../views/documents/TransmittalPage.tsx'
import { renderActPdf } from './act-pdf.ts'
import { transmittalWithDocuments } from './movements.queries.ts'

// An act of transmittal: its page and its printable PDF, for those who see its project.
export const transmittalRoutes = new Hono<AppEnv>()

async function loadAct(c: Ctx) {
  const id = parseId(c.req.param('id'))
  const user = userOf(c)
  if (!id || !can(user, 'documents.read')) return null
  const db = c.get('db')
  const t = await transmittalWithDocuments(db, id)
  if (!t) return null
  const project = await db
    .selectFrom('projects')
    .select(['id', 'code', 'name', 'contract_number'])
    .where('id', '=', t.project_id)
    .where(visibleProjects(user))
    .executeTakeFirst()
  if (!project) return null
  const sender = await db
    .selectFrom('users')
    .select('full_name')
    .where('id', '=', t.created_by ?? 0)
    .executeTakeFirst()
  return { ...t, project, sender: sender?.full_name ?? '' }
}

transmittalRoutes.get('/:id', async (c) => {
  const t = await loadAct(c)
  if (!t) return renderError(c, 404)
  return c.render(<TransmittalPage t={t} />, { title: `Акт ${t.number}` })
})

transmittalRoutes.get('/:id/act.pdf', async (c) => {
  const t = await loadAct(c)
  if (!t) return renderError(c, 404)
  const pdf = await renderActPdf(t)
  const name = `Реестр_${t.number}_${formatDate(t.sent_on)}.pdf`
  c.header('Content-Type', 'application/pdf')
  c.header(
    'Content-Disposition',
    `inline; filename="act-${t.id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
  )
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(new Uint8Array(pdf))
})
