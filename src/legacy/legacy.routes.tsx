import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { storeUpload, UploadRefused } from '../files/storage.ts'
import { enqueue } from '../jobs/queue.ts'
import { parseId } from '../lib/forms.ts'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { ImportForm, ImportReportView, ImportRuns } from '../../views/legacy/ImportPages.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import type { ImportReport } from './import.ts'
import { LEGACY_IMPORT_KIND, type LegacyImportPayload } from './import.job.ts'
import type { Ctx } from '../app-env.ts'

// The import of the desktop app's databases from the browser: upload, a background job with
// live progress, and every run's report kept.
export const legacyRoutes = new Hono<AppEnv>()
legacyRoutes.use(requirePermission('users.manage'))

async function renderPage(c: Ctx, form: FormState) {
  const runs = await c
    .get('db')
    .selectFrom('legacy_imports')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(50)
    .execute()
  return c.render(
    <AdminPage user={userOf(c)} current="import" title="Импорт из прежней программы">
      <div class="space-y-4">
        <ImportForm form={form} />
        <ImportRuns runs={runs} />
      </div>
    </AdminPage>,
    { title: 'Импорт из прежней программы' },
  )
}

legacyRoutes.get('/', (c) => renderPage(c, emptyForm()))

legacyRoutes.post('/', async (c) => {
  const body = await c.req.parseBody()
  const values = { dry_run: body.dry_run === '1' ? '1' : '' }
  const store = async (field: 'main' | 'pto') => {
    const f = body[field]
    if (field === 'pto' && (!(f instanceof File) || (f.size === 0 && !f.name))) return null
    return (
      await storeUpload(c.get('db'), actorOf(c), c.get('deps').config, f, { allowed: ['sqlite'] })
    ).id
  }
  const payload: Partial<LegacyImportPayload> = { dryRun: values.dry_run === '1' }
  for (const field of ['main', 'pto'] as const) {
    try {
      payload[field] = (await store(field)) as number
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e
      c.status(422)
      return renderPage(c, { values, errors: { [field]: e.message } })
    }
  }
  const id = await enqueue(c.get('db'), actorOf(c), LEGACY_IMPORT_KIND, payload)
  return c.redirect(`/jobs/${id}`, 303)
})

legacyRoutes.get('/:id', async (c) => {
  const id = parseId(c.req.param('id'))
  const run = id
    ? await c
        .get('db')
        .selectFrom('legacy_imports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined
  if (!run) return renderError(c, 404)
  const report = run.report ? (JSON.parse(run.report) as ImportReport) : null
  return c.render(
    <AdminPage user={userOf(c)} current="import" title={`Отчёт об импорте № ${run.id}`}>
      <ImportReportView run={run} report={report} />
    </AdminPage>,
    { title: `Отчёт об импорте № ${run.id}` },
  )
})
