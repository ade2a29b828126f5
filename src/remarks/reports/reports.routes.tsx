import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { actorOf } from '../../app-env.ts'
import { enqueue } from '../../jobs/queue.ts'
import { renderError } from '../../../views/layout/ErrorPage.tsx'
import { loadRemarkProject } from '../access.ts'
import { remarkQuery } from '../remarks.schema.ts'
import { REMARK_REPORTS, remarkReport } from './kinds.ts'
import type { ReportPayload } from './report-data.ts'

// A project's remark reports, mounted at /projects/:id: the list's filters, posted, start a
// background job; its page shows live progress, then the file. Without access to the project's
// remarks: the same 404 as for a project that does not exist.
export const remarkReportRoutes = new Hono<AppEnv>()

remarkReportRoutes.post('/remarks/report/:report', async (c) => {
  const report = remarkReport(c.req.param('report'))
  const p = report ? await loadRemarkProject(c) : null
  if (!report || !p) return renderError(c, 404)
  const body = await c.req.parseBody()
  const query = remarkQuery.parse(
    Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')),
  )
  const payload: ReportPayload = {
    projectId: p.id,
    query: { ...query, project: p.id, after: undefined },
  }
  const id = await enqueue(c.get('db'), actorOf(c), REMARK_REPORTS[report].kind, payload)
  return c.redirect(`/jobs/${id}`, 303)
})
