import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { enqueue, wakeWorkers } from '../jobs/queue.ts'
import { wantsFragment } from '../lib/flash.ts'
import { parseId } from '../lib/forms.ts'
import { userOptions } from '../users/users.queries.ts'
import { AuditFilters, AuditList } from '../../views/audit/AuditList.tsx'
import { AuditEntryPage } from '../../views/audit/AuditEntryPage.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { audit } from './audit.ts'
import { auditQuery, findAudit, FILTER_KEYS, listAudit } from './audit.queries.ts'
import { AUDIT_EXPORT_KIND } from './export.job.ts'

// Read only: audit rows are written by the changes they record and never edited or deleted.
// The one POST starts an export (a job), and is itself recorded: who took the log away.
export const auditRoutes = new Hono<AppEnv>()
auditRoutes.use(requirePermission('audit.read'))

auditRoutes.get('/', zValidator('query', auditQuery), async (c) => {
  const q = c.req.valid('query')
  const db = c.get('db')
  const page = await listAudit(db, q)
  const list = { ...page, query: new URLSearchParams(new URL(c.req.url).search), isFirst: !q.after }
  if (wantsFragment(c)) return c.html(<AuditList {...list} />)
  const f = {
    action: q.action ?? '',
    entity: q.entity ?? '',
    entity_id: q.entity_id ?? '',
    user: q.user === undefined ? '' : String(q.user),
    from: q.from ?? '',
    to: q.to ?? '',
    q: q.q ?? '',
  }
  return c.render(
    <AdminPage user={userOf(c)} current="audit" title="Журнал аудита">
      <AuditFilters f={f} users={await userOptions(db)} />
      <AuditList {...list} />
    </AdminPage>,
    { title: 'Журнал аудита' },
  )
})

auditRoutes.get('/:id{[0-9]+}', async (c) => {
  const id = parseId(c.req.param('id'))
  const r = id ? await findAudit(c.get('db'), id) : null
  if (!r) return renderError(c, 404)
  return c.render(
    <AdminPage user={userOf(c)} current="audit" title={`Запись журнала № ${r.id}`}>
      <AuditEntryPage r={r} />
    </AdminPage>,
    { title: `Запись журнала № ${r.id}` },
  )
})

// The filtered log as XLSX, built in the background; the job page shows progress, then the file.
auditRoutes.post('/export', async (c) => {
  const body = await c.req.parseBody()
  const raw = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (typeof body[k] === 'string' ? [[k, body[k]]] : [])),
  )
  const query = auditQuery.parse(raw) // FILTER_KEYS: never a page cursor
  const actor = actorOf(c)
  const id = await c
    .get('db')
    .transaction()
    .execute(async (trx) => {
      const jobId = await enqueue(trx, actor, AUDIT_EXPORT_KIND, { query })
      await audit(trx, actor, {
        action: 'audit.export',
        entityType: 'job',
        entityId: jobId,
        after: { filters: query },
      })
      return jobId
    })
  wakeWorkers()
  return c.redirect(`/jobs/${id}`, 303)
})
