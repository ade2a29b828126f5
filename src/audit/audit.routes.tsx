import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { wantsFragment } from '../lib/flash.ts'
import { userOptions } from '../users/users.queries.ts'
import { AuditFilters, AuditList } from '../../views/audit/AuditList.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import { auditQuery, listAudit } from './audit.queries.ts'

// Read only: audit rows are written by the changes they record and never edited or deleted,
// so this sub-app has GET routes alone.
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
  }
  return c.render(
    <AdminPage user={userOf(c)} current="audit" title="Журнал аудита">
      <AuditFilters f={f} users={await userOptions(db)} />
      <AuditList {...list} />
    </AdminPage>,
    { title: 'Журнал аудита' },
  )
})
