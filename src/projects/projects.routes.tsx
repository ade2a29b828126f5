import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { requirePermission } from '../auth/middleware.ts'
import { customerOptions } from '../customers/customers.queries.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { readForm } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { emptyForm } from '../../views/components/Field.tsx'
import { ProjectList, ProjectsPage } from '../../views/projects/ProjectList.tsx'
import { ProjectPage } from '../../views/projects/ProjectPage.tsx'
import {
  CodeTakenError,
  createProject,
  listProjects,
  projectVolumes,
  setProjectDeleted,
} from './projects.queries.ts'
import { DEFAULT_CONTRACTOR, projectForm, projectQuery } from './projects.schema.ts'
import { projectMemberRoutes } from './members.routes.tsx'
import { projectEditRoutes } from './edit.routes.tsx'
import { projectPerms } from './project-perms.ts'
import { registryRoutes } from '../documents/registry.routes.tsx'
import { remarkRegistryRoutes } from '../remarks/registry.routes.tsx'
import { remarkReportRoutes } from '../remarks/reports/reports.routes.tsx'
import { projectWorklogRoutes } from '../worklog/worklog.routes.tsx'
import { schedulePlanRoutes } from '../gpr/plans.routes.tsx'
import { gprCellRoutes } from '../gpr/cell.routes.tsx'
import { loadProject } from './load-project.ts'
import { renderProjectForm as renderForm } from './project-form.tsx'
import { projectLockRoutes } from './lock.routes.tsx'
import { PROJECTS_STREAM, projectStream, publishProject } from './projects.live.tsx'
import { currentLock } from '../live/locks.ts'
import { presentUsers } from '../live/presence.live.tsx'
import { ProjectCard } from '../../views/projects/ProjectDetail.tsx'
import { listMembers, memberCandidates } from './members.queries.ts'

export const projectRoutes = new Hono<AppEnv>()
projectRoutes.use(requirePermission('projects.read'))

const perms = (c: Ctx) => projectPerms(userOf(c))

projectRoutes.get('/', zValidator('query', projectQuery), async (c) => {
  const q = c.req.valid('query')
  const user = userOf(c)
  const page = await listProjects(c.get('db'), user, q)
  const url = new URL(c.req.url)
  const list = {
    ...page,
    resyncUrl: url.pathname + url.search,
    query: new URLSearchParams(url.search),
    isFirst: !q.after,
    canWrite: can(user, 'projects.write'),
  }
  if (wantsFragment(c)) return c.html(<ProjectList {...list} />)
  const filters = {
    q: q.q ?? '',
    status: q.status ?? '',
    customer: q.customer ? String(q.customer) : '',
    sort: q.sort,
    deleted: !!q.deleted,
  }
  return c.render(
    <ProjectsPage
      list={list}
      filters={filters}
      customers={await customerOptions(c.get('db'))}
      canCreate={can(user, 'projects.write')}
      canSeeDeleted={can(user, 'projects.delete')}
    />,
    { title: 'Проекты', streams: [PROJECTS_STREAM] },
  )
})

projectRoutes.get('/new', requirePermission('projects.write'), (c) =>
  renderForm(c, emptyForm({ contractor: DEFAULT_CONTRACTOR, status: 'planned' }), {}),
)

projectRoutes.post('/', requirePermission('projects.write'), async (c) => {
  const form = await readForm(await c.req.parseBody(), projectForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, form, {})
  }
  try {
    const row = await createProject(c.get('db'), actorOf(c), userOf(c), form.data)
    await publishProject(c.get('deps').live, row.id, { created: true })
    return redirectWithFlash(c, `/projects/${row.id}`, `Проект «${row.short_name}» создан`)
  } catch (e) {
    if (!(e instanceof CodeTakenError)) throw e
    c.status(422)
    return renderForm(
      c,
      { values: form.values, errors: { code: 'Проект с таким шифром уже есть' } },
      {},
    )
  }
})

projectRoutes.get('/:id', async (c) => {
  const p = await loadProject(c)
  if (!p) return renderError(c, 404)
  const db = c.get('db')
  const pp = perms(c)
  const [volumes, members, candidates, lock, present] = await Promise.all([
    projectVolumes(db, p.id),
    listMembers(db, p.id),
    pp.members ? memberCandidates(db) : { users: [], groups: [] },
    currentLock(db, 'project', p.id),
    presentUsers(db, projectStream(p.id)),
  ])
  return c.render(
    <ProjectPage
      project={p}
      perms={pp}
      live={{ lock, me: userOf(c), present }}
      volumes={volumes}
      members={members}
      candidates={candidates}
    />,
    { title: p.short_name, streams: [projectStream(p.id)] },
  )
})

// The card alone: a page that reconnects reloads it to catch up.
projectRoutes.get('/:id/card', async (c) => {
  const p = await loadProject(c)
  if (!p) return renderError(c, 404)
  const lock = await currentLock(c.get('db'), 'project', p.id)
  return c.html(<ProjectCard p={p} perms={perms(c)} live={{ lock, me: userOf(c) }} />)
})

for (const [path, deleted, message] of [
  ['delete', true, 'Проект удалён. Его можно восстановить из списка удалённых.'],
  ['restore', false, 'Проект восстановлен'],
] as const) {
  projectRoutes.post(`/:id/${path}`, requirePermission('projects.delete'), async (c) => {
    const p = await loadProject(c)
    if (!p) return renderError(c, 404)
    await setProjectDeleted(c.get('db'), actorOf(c), p.id, deleted)
    await publishProject(c.get('deps').live, p.id)
    return redirectWithFlash(c, deleted ? '/projects' : `/projects/${p.id}`, message)
  })
}

projectRoutes.route('/:id', projectEditRoutes)
projectRoutes.route('/:id', registryRoutes)
projectRoutes.route('/:id', remarkRegistryRoutes)
projectRoutes.route('/:id', remarkReportRoutes)
projectRoutes.route('/:id', projectWorklogRoutes)
projectRoutes.route('/:id', schedulePlanRoutes)
projectRoutes.route('/:id', gprCellRoutes)
projectRoutes.route('/:id/members', projectMemberRoutes)
projectRoutes.route('/:id/lock', projectLockRoutes)
