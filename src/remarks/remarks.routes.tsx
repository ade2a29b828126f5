import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { fileRoute } from '../files/download.ts'
import { storePhoto } from '../files/images.ts'
import { UploadRefused } from '../files/storage.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { parseId, readForm } from '../lib/forms.ts'
import { lockRoutes } from '../live/lock.routes.tsx'
import { currentLock } from '../live/locks.ts'
import { publishNotifications } from '../notifications/notifications.live.tsx'
import { notify } from '../notifications/notifications.queries.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { RemarkList } from '../../views/remarks/RemarkList.tsx'
import { RemarkCard } from '../../views/remarks/RemarkPage.tsx'
import { RemarksChart } from '../../views/remarks/RemarksChart.tsx'
import { RemarksPage } from '../../views/remarks/RemarksPage.tsx'
import { assignableUsers, loadRemark, today } from './access.ts'
import { remarkEditRoutes } from './edit.routes.tsx'
import { attachPhoto } from './photos.ts'
import { remarksByWeek, type RemarkWeeks } from './chart.queries.ts'
import { renderRemarkPage } from './remark-page.tsx'
import { publishRemark } from './remarks.live.tsx'
import { isRemarkOverdue, listRemarks } from './remarks.queries.ts'
import { commentForm, remarkQuery, STATUSES, transitionForm } from './remarks.schema.ts'
import { allowedMoves } from './transitions.ts'
import { changeStatus, commentOn, RemarkRefused } from './workflow.ts'

// Remarks across the projects one may see («мои замечания» too) and one remark's life.
export const remarkRoutes = new Hono<AppEnv>()

remarkRoutes.get('/', zValidator('query', remarkQuery), async (c) => {
  const user = userOf(c)
  if (!can(user, 'remarks.read')) return renderError(c, 403)
  const db = c.get('db')
  const q = c.req.valid('query')
  const url = new URL(c.req.url)
  const day = today()
  const [page, users, weeks] = await Promise.all([
    listRemarks(db, user, q, { today: day }),
    assignableUsers(db),
    remarksByWeek(db, user, { today: day, project: q.project }),
  ])
  const list = {
    ...page,
    query: url.searchParams,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
    today: day,
    showProject: true,
    base: '/remarks',
  }
  if (wantsFragment(c)) return c.html(<RemarkList {...list} />)
  return c.render(
    <RemarksPage
      title={q.mine ? 'Мои замечания' : 'Замечания'}
      base="/remarks"
      q={q}
      list={list}
      chart={<AllChart w={weeks} project={q.project} />}
      users={users}
    />,
    { title: 'Замечания' },
  )
})

const AllChart = (p: { w: RemarkWeeks; project?: number }) => (
  <RemarksChart
    w={p.w}
    resyncUrl={`/remarks/chart${p.project ? `?project=${p.project}` : ''}`}
    scope={p.project ? 'Проект' : 'Все доступные проекты'}
  />
)

// The chart alone, for its reload (before /:id, which would take «chart» for an id).
remarkRoutes.get('/chart', zValidator('query', remarkQuery), async (c) => {
  const user = userOf(c)
  if (!can(user, 'remarks.read')) return renderError(c, 403)
  const project = c.req.valid('query').project
  const w = await remarksByWeek(c.get('db'), user, { today: today(), project })
  return c.html(<AllChart w={w} project={project} />)
})

remarkRoutes.get('/:id', (c) => renderRemarkPage(c))

remarkRoutes.get('/:id/card', async (c) => {
  const r = await loadRemark(c)
  if (!r) return renderError(c, 404)
  const me = userOf(c)
  const lock = await currentLock(c.get('db'), 'remark', r.id)
  return c.html(
    <RemarkCard
      r={r}
      me={me}
      lock={lock}
      overdue={isRemarkOverdue(r, today())}
      moves={allowedMoves(me, r.status)}
    />,
  )
})

remarkRoutes.post('/:id/status', async (c) => {
  const r = await loadRemark(c)
  if (!r) return renderError(c, 404)
  const form = await readForm(await c.req.parseBody(), transitionForm)
  if (!form.ok) {
    c.status(422)
    return renderRemarkPage(c, { moveError: Object.values(form.errors)[0] })
  }
  try {
    const { notify: who } = await changeStatus(
      c.get('db'),
      actorOf(c),
      userOf(c),
      r.id,
      form.data.to,
      form.data.comment,
    )
    if (who.length) {
      await notify(c.get('db'), who, {
        kind: 'remark.status',
        title: `${r.number}: ${STATUSES[form.data.to]}`,
        body: form.data.comment ?? r.title,
        href: `/remarks/${r.id}`,
      })
      await publishNotifications(c.get('deps').live, who)
    }
  } catch (e) {
    if (!(e instanceof RemarkRefused)) throw e
    c.status(422)
    return renderRemarkPage(c, { moveError: e.message })
  }
  await publishRemark(c.get('deps').live, r.project_id, r.id)
  return redirectWithFlash(c, `/remarks/${r.id}`, `Статус: ${STATUSES[form.data.to]}`)
})

remarkRoutes.post('/:id/comments', async (c) => {
  const r = await loadRemark(c)
  if (!r) return renderError(c, 404)
  const form = await readForm(await c.req.parseBody(), commentForm)
  if (!form.ok) return redirectWithFlash(c, `/remarks/${r.id}`, 'Комментарий пустой')
  await commentOn(c.get('db'), actorOf(c), r.id, form.data.comment)
  await publishRemark(c.get('deps').live, r.project_id, r.id)
  return redirectWithFlash(c, `/remarks/${r.id}`, 'Комментарий добавлен')
})

remarkRoutes.post('/:id/photos', async (c) => {
  const r = await loadRemark(c)
  if (!r) return renderError(c, 404)
  const me = userOf(c)
  if (!can(me, 'remarks.work') && !can(me, 'remarks.create')) return renderError(c, 403)
  const body = await c.req.parseBody()
  const phase = body.phase === 'before' ? 'before' : 'after'
  try {
    const photo = await storePhoto(c.get('db'), actorOf(c), c.get('deps').config, body.photo)
    await attachPhoto(c.get('db'), actorOf(c), r.id, photo, phase)
  } catch (e) {
    if (!(e instanceof UploadRefused)) throw e
    c.status(422)
    return renderRemarkPage(c, { photoError: e.message })
  }
  await publishRemark(c.get('deps').live, r.project_id, r.id)
  return redirectWithFlash(
    c,
    `/remarks/${r.id}`,
    `Фото «${phase === 'before' ? 'до' : 'после'}» добавлено`,
  )
})

// A photo is served only through its remark: guessing an id of another project gives 404.
for (const [suffix, column] of [
  ['', 'file_id'],
  ['/thumb', 'thumb_file_id'],
] as const)
  remarkRoutes.get(
    `/:id/photos/:photoId${suffix}`,
    fileRoute({
      inline: true,
      find: async (c) => {
        const r = await loadRemark(c)
        const photoId = parseId(c.req.param('photoId'))
        if (!r || !photoId) return null
        const p = await c
          .get('db')
          .selectFrom('remark_photos')
          .select(['file_id', 'thumb_file_id'])
          .where('id', '=', photoId)
          .where('remark_id', '=', r.id)
          .executeTakeFirst()
        const fileId = p ? (p[column] ?? p.file_id) : null
        return fileId ? { fileId } : null
      },
    }),
  )

remarkRoutes.route('/:id', remarkEditRoutes)
remarkRoutes.route(
  '/:id/lock',
  lockRoutes({ type: 'remark', find: loadRemark, href: (id) => `/remarks/${id}` }),
)
