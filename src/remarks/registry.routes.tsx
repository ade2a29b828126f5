import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { UploadRefused } from '../files/storage.ts'
import { storePhoto } from '../files/images.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { readForm } from '../lib/forms.ts'
import { notify } from '../notifications/notifications.queries.ts'
import { publishNotifications } from '../notifications/notifications.live.tsx'
import type { ProjectWithCustomer } from '../projects/projects.queries.ts'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { loadFor } from '../auth/load-for.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { RemarkList } from '../../views/remarks/RemarkList.tsx'
import { RemarkForm } from '../../views/remarks/RemarkForm.tsx'
import { RemarksPage } from '../../views/remarks/RemarksPage.tsx'
import { RemarksChart } from '../../views/remarks/RemarksChart.tsx'
import { ReportButtons } from '../../views/remarks/ReportButtons.tsx'
import { assignableUsers, loadRemarkProject, today } from './access.ts'
import { publishRemark, remarksStream } from './remarks.live.tsx'
import { createRemark, listRemarks, remarkSummary } from './remarks.queries.ts'
import { remarkForm, remarkQuery } from './remarks.schema.ts'
import { attachPhoto } from './photos.ts'
import { remarksByWeek, type RemarkWeeks } from './chart.queries.ts'

// A project's remarks: /projects/:id/remarks.
export const remarkRegistryRoutes = new Hono<AppEnv>()

remarkRegistryRoutes.get('/remarks', zValidator('query', remarkQuery), async (c) => {
  const p = await loadRemarkProject(c)
  if (!p) return renderError(c, 404)
  const db = c.get('db')
  const q = { ...c.req.valid('query'), project: p.id }
  const url = new URL(c.req.url)
  const day = today()
  const [page, summary, users, weeks] = await Promise.all([
    listRemarks(db, userOf(c), q, { today: day }),
    remarkSummary(db, p.id, day),
    assignableUsers(db),
    remarksByWeek(db, userOf(c), { today: day, project: p.id }),
  ])
  const list = {
    ...page,
    query: url.searchParams,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
    today: day,
    showProject: false,
    base: url.pathname,
    createHref: can(userOf(c), 'remarks.create') ? `/projects/${p.id}/remarks/new` : undefined,
  }
  if (wantsFragment(c)) return c.html(<RemarkList {...list} />)
  return c.render(
    <RemarksPage
      title="Замечания строительного контроля"
      subtitle={
        <a class="link text-sm" href={`/projects/${p.id}`}>
          {p.code} {p.short_name}
        </a>
      }
      base={url.pathname}
      q={q}
      list={list}
      summary={summary}
      chart={<ProjectChart w={weeks} projectId={p.id} />}
      users={users}
      actions={
        <>
          <ReportButtons projectId={p.id} query={url.searchParams} />
          {can(userOf(c), 'remarks.create') && (
            <a class="btn btn-primary" href={`/projects/${p.id}/remarks/new`}>
              + Новое замечание
            </a>
          )}
        </>
      }
    />,
    { title: `Замечания ${p.code}`, streams: [remarksStream(p.id)] },
  )
})

const ProjectChart = (p: { w: RemarkWeeks; projectId: number }) => (
  <RemarksChart w={p.w} resyncUrl={`/projects/${p.projectId}/remarks/chart`} scope="Проект" />
)

// The chart alone, for its live reload.
remarkRegistryRoutes.get('/remarks/chart', async (c) => {
  const p = await loadRemarkProject(c)
  if (!p) return renderError(c, 404)
  const w = await remarksByWeek(c.get('db'), userOf(c), { today: today(), project: p.id })
  return c.html(<ProjectChart w={w} projectId={p.id} />)
})

async function renderNew(c: Ctx, p: ProjectWithCustomer, form: FormState) {
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Новое замечание — {p.code}</h1>
      <RemarkForm
        form={form}
        action={`/projects/${p.id}/remarks`}
        cancelHref={`/projects/${p.id}/remarks`}
        users={await assignableUsers(c.get('db'))}
        withPhoto
      />
    </div>,
    { title: 'Новое замечание' },
  )
}

remarkRegistryRoutes.get('/remarks/new', async (c) => {
  const { record: p, res } = await loadFor(c, loadRemarkProject, 'remarks.create')
  if (!p) return res
  return renderNew(c, p, emptyForm({ priority: 'normal' }))
})

remarkRegistryRoutes.post('/remarks', async (c) => {
  const { record: p, res } = await loadFor(c, loadRemarkProject, 'remarks.create')
  if (!p) return res
  const body = await c.req.parseBody()
  const form = await readForm(body, remarkForm)
  if (!form.ok) {
    c.status(422)
    return renderNew(c, p, form)
  }
  const db = c.get('db')
  const photo = body.photo instanceof File && body.photo.size > 0 ? body.photo : null
  let stored = null
  if (photo) {
    try {
      stored = await storePhoto(db, actorOf(c), c.get('deps').config, photo)
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e
      c.status(422)
      return renderNew(c, p, { values: form.values, errors: { photo: e.message } })
    }
  }
  const row = await createRemark(
    db,
    actorOf(c),
    p,
    form.data,
    c.get('deps').config.REMARK_NUMBER_FORMAT,
  )
  if (stored) await attachPhoto(db, actorOf(c), row.id, stored, 'before')
  if (row.assignee_id && row.assignee_id !== userOf(c).id) {
    await notify(db, [row.assignee_id], {
      kind: 'remark.assigned',
      title: `Вам назначено замечание ${row.number}`,
      body: row.title,
      href: `/remarks/${row.id}`,
    })
    await publishNotifications(c.get('deps').live, [row.assignee_id])
  }
  await publishRemark(c.get('deps').live, p.id, row.id, { created: true })
  return redirectWithFlash(c, `/remarks/${row.id}`, `Замечание ${row.number} зарегистрировано`)
})
