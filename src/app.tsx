import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { jsxRenderer } from 'hono/jsx-renderer'
import { secureHeaders } from 'hono/secure-headers'
import type { AppDeps, AppEnv } from './app-env.ts'
import { loadSession, requireUser, setupGate } from './auth/middleware.ts'
import { authRoutes } from './auth/auth.routes.tsx'
import { setupRoutes } from './setup/setup.routes.tsx'
import { accountRoutes } from './account/account.routes.tsx'
import { customerRoutes } from './customers/customers.routes.tsx'
import { projectRoutes } from './projects/projects.routes.tsx'
import { documentRoutes } from './documents/documents.routes.tsx'
import { transmittalRoutes } from './documents/transmittals.routes.tsx'
import { documentTypeRoutes } from './documents/types.routes.tsx'
import { jobRoutes } from './jobs/jobs.routes.tsx'
import { remarkRoutes } from './remarks/remarks.routes.tsx'
import { worklogRoutes } from './worklog/worklog.routes.tsx'
import { worklogEntryRoutes } from './worklog/entry.routes.tsx'
import { gprRoutes } from './gpr/gpr.routes.tsx'
import { weeklyRoutes } from './weekly/weekly.routes.tsx'
import { notificationRoutes } from './notifications/notifications.routes.tsx'
import { userStream } from './notifications/notifications.live.tsx'
import { adminUserRoutes } from './users/users.routes.tsx'
import { adminGroupRoutes } from './users/groups.routes.tsx'
import { adminRoleRoutes } from './users/roles.routes.tsx'
import { adminOnlineRoutes } from './users/online.routes.tsx'
import { legacyRoutes } from './legacy/legacy.routes.tsx'
import { auditRoutes } from './audit/audit.routes.tsx'
import { referenceRoutes } from './reference/reference.routes.tsx'
import { stockRoutes } from './stock/stock.routes.tsx'
import { shiftRoutes } from './shifts/shifts.routes.tsx'
import { dashboardRoutes } from './dashboard/dashboard.routes.tsx'
import { healthRoutes } from './system/health.routes.ts'
import { requestContext } from './system/request-context.ts'
import { assetBody, pickEncoding, resolveAsset } from './lib/assets.ts'
import { referenceWrites } from './reference/cache.ts'
import { requestBodyLimit } from './files/body-limit.ts'
import { takeFlash } from './lib/flash.ts'
import { Layout } from '../views/layout/Layout.tsx'
import { renderError } from '../views/layout/ErrorPage.tsx'

declare module 'hono' {
  interface ContextRenderer {
    (
      content: string | Promise<string>,
      props: { title: string; streams?: string[] },
    ): Response | Promise<Response>
  }
}

// A cross-site form post is refused: the Origin must name this host (behind a proxy, the
// Host the proxy forwarded). Same-origin Sec-Fetch-Site is accepted too.
const sameHost = (
  origin: string,
  c: { req: { header(n: string): string | undefined; url: string } },
) => {
  try {
    const host = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? new URL(c.req.url).host
    return new URL(origin).host === host
  } catch {
    return false
  }
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.use(async (c, next) => {
    c.set('deps', deps)
    c.set('db', deps.db)
    c.set('flash', null)
    await next()
  })
  app.use(requestContext())
  app.route('/', healthRoutes)

  app.get('/assets/:file', async (c) => {
    const asset = resolveAsset(c.req.param('file'))
    const body = asset && (await assetBody(asset.name))
    if (!asset || !body) return c.notFound()
    const encoding = pickEncoding(c.req.header('Accept-Encoding'))
    c.header('Content-Type', body.type)
    c.header('Vary', 'Accept-Encoding')
    c.header('Cache-Control', asset.current ? 'public, max-age=31536000, immutable' : 'no-cache')
    if (encoding) c.header('Content-Encoding', encoding)
    return c.body(encoding ? body[encoding] : body.identity)
  })

  // Pages, fragments and JSON leave compressed when the browser accepts it (over 1 KiB; files
  // such as PDF, XLSX and photos are compressed already and pass through).
  app.use(compress())
  app.use(secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }))
  app.use(csrf({ origin: sameHost }))
  app.use(
    jsxRenderer(
      ({ children, title, streams }, c) => {
        const user = c.get('user')
        // A signed-in page always watches its own 'user:<id>' stream (the bell), last: the hub
        // takes the first record stream of a page as the record an edit form holds.
        const watched = new Set(user ? [...(streams ?? []), userStream(user.id)] : streams)
        return (
          <Layout
            title={title}
            user={user}
            flash={takeFlash(c)}
            streams={[...watched].map(deps.live.sign)}
          >
            {children}
          </Layout>
        )
      },
      { docType: true },
    ),
  )
  app.use(setupGate())
  app.use(loadSession())
  // 1 MB for forms; uploads (multipart from a signed-in user) up to UPLOAD_MAX_MB.
  app.use(requestBodyLimit(deps.config, (c) => renderError(c, 413)))

  app.route('/setup', setupRoutes)
  app.route('/', authRoutes)

  app.use(requireUser())
  app.route('/', dashboardRoutes)
  app.route('/account', accountRoutes)
  app.route('/jobs', jobRoutes)
  app.route('/notifications', notificationRoutes)
  app.route('/customers', customerRoutes)
  app.route('/projects', projectRoutes)
  app.route('/documents', documentRoutes)
  app.route('/transmittals', transmittalRoutes)
  app.route('/remarks', remarkRoutes)
  app.route('/worklog/entries', worklogEntryRoutes)
  app.route('/worklog', worklogRoutes)
  app.route('/gpr/weekly', weeklyRoutes)
  app.route('/gpr', gprRoutes)
  app.route('/stock', stockRoutes)
  app.route('/shifts', shiftRoutes)
  app.use('/reference/*', referenceWrites(['marking_types', 'materials', 'crews']))
  app.route('/reference', referenceRoutes)
  app.route('/admin/users', adminUserRoutes)
  app.route('/admin/groups', adminGroupRoutes)
  app.route('/admin/roles', adminRoleRoutes)
  app.route('/admin/online', adminOnlineRoutes)
  app.route('/admin/import', legacyRoutes)
  app.route('/admin/audit', auditRoutes)
  app.use('/admin/document-types/*', referenceWrites(['document_types']))
  app.route('/admin/document-types', documentTypeRoutes)

  app.notFound((c) => renderError(c, 404))
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status
      if (status === 403 || status === 404 || status === 400 || status === 413)
        return renderError(c, status)
      return err.getResponse()
    }
    deps.logger.error({ reqId: c.get('requestId'), err }, 'unhandled error')
    return renderError(c, 500)
  })
  return app
}

export type App = ReturnType<typeof createApp>
