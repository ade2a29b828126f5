import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { requirePermission } from '../auth/middleware.ts'
import { customerOptions } from '../customers/customers.queries.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, parseId, readForm, type FormValues } from '../lib/forms.ts'
import { MATERIALS } from '../materials/materials.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { ProjectList, ProjectsPage } from '../../views/projects/ProjectList.tsx'
import { ProjectForm } from '../../views/projects/ProjectForm.tsx'
import { ProjectPage } from '../../views/projects/ProjectPage.tsx'
import {
  CodeTakenError,
  createProject,
  findProjectFor,
  listProjects,
  projectVolumes,
  setProjectDeleted,
  updateProject,
  type ProjectWithCustomer,
} from './projects.queries.ts'
import { DEFAULT_CONTRACTOR, PROJECT_FIELDS, projectForm, projectQuery } from './projects.schema.ts'
import { projectMemberRoutes } from './members.routes.tsx'
import { listMembers, memberCandidates } from './members.queries.ts'

export const projectRoutes = new Hono<AppEnv>()
projectRoutes.use(requirePermission('projects.read'))

const perms = (c: Ctx) => {
  const u = userOf(c)
  return {
    write: can(u, 'projects.write'),
    delete: can(u, 'projects.delete'),
    members: can(u, 'projects.members'),
  }
}

projectRoutes.get('/', zValidator('query', projectQuery), async (c) => {
  const q = c.req.valid('query')
  const user = userOf(c)
  const page = await listProjects(c.get('db'), user, q)
  const list = {
    ...page,
    query: new URLSearchParams(new URL(c.req.url).search),
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
    { title: 'Проекты' },
  )
})

async function renderForm(
  c: Ctx,
  form: FormState,
  opts: { project?: ProjectWithCustomer; version?: number },
) {
  const p = opts.project
  const title = p ? `Проект ${p.code}: изменение` : 'Новый проект'
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">{title}</h1>
      <ProjectForm
        form={form}
        action={p ? `/projects/${p.id}` : '/projects'}
        cancelHref={p ? `/projects/${p.id}` : '/projects'}
        version={opts.version}
        customers={await customerOptions(c.get('db'))}
      />
    </div>,
    { title },
  )
}

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

async function loadProject(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findProjectFor(c.get('db'), userOf(c), id) : null
}

projectRoutes.get('/:id', async (c) => {
  const p = await loadProject(c)
  if (!p) return renderError(c, 404)
  const db = c.get('db')
  const pp = perms(c)
  const [volumes, members, candidates] = await Promise.all([
    projectVolumes(db, p.id),
    listMembers(db, p.id),
    pp.members ? memberCandidates(db) : { users: [], groups: [] },
  ])
  return c.render(
    <ProjectPage
      project={p}
      perms={pp}
      volumes={volumes}
      members={members}
      candidates={candidates}
    />,
    { title: p.short_name },
  )
})

async function projectFormValues(c: Ctx, p: ProjectWithCustomer): Promise<FormValues> {
  const values = formValuesOf(
    p,
    PROJECT_FIELDS.map(([n]) => n),
  )
  for (const [m] of MATERIALS) values[`plan_${m}`] = ''
  for (const v of await projectVolumes(c.get('db'), p.id))
    values[`plan_${v.material}`] = String(v.plan_m2).replace('.', ',')
  return values
}

projectRoutes.get('/:id/edit', requirePermission('projects.write'), async (c) => {
  const p = await loadProject(c)
  if (!p || p.deleted_at) return renderError(c, 404)
  return renderForm(c, emptyForm(await projectFormValues(c, p)), { project: p, version: p.version })
})

projectRoutes.post('/:id', requirePermission('projects.write'), async (c) => {
  const p = await loadProject(c)
  if (!p || p.deleted_at) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, projectForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, form, { project: p, version })
  }
  try {
    const saved = await updateProject(c.get('db'), actorOf(c), p.id, version, form.data)
    if (saved.ok) return redirectWithFlash(c, `/projects/${p.id}`, 'Изменения сохранены')
    const current = (await findProjectFor(c.get('db'), userOf(c), p.id))!
    const theirs = await projectFormValues(c, current)
    c.status(409)
    return c.render(
      <div class="space-y-3">
        <h1 class="text-2xl font-semibold">Проект {current.code}</h1>
        <ConflictView
          action={`/projects/${p.id}`}
          currentVersion={current.version}
          updatedBy={await userDisplayName(c.get('db'), current.updated_by)}
          updatedAt={formatDateTime(current.updated_at)}
          fields={PROJECT_FIELDS.map(([name, label]) => ({
            name,
            label,
            theirs: name === 'customer_id' ? (current.customer_name ?? '') : theirs[name],
            mine:
              name === 'customer_id'
                ? customerName(form.values[name], current)
                : (form.values[name] ?? ''),
          }))}
          typed={form.values}
          cancelHref={`/projects/${p.id}`}
        />
      </div>,
      { title: current.short_name },
    )
  } catch (e) {
    if (!(e instanceof CodeTakenError)) throw e
    c.status(422)
    return renderForm(
      c,
      { values: form.values, errors: { code: 'Проект с таким шифром уже есть' } },
      { project: p, version },
    )
  }
})

// In the conflict view the customer is shown by name; the typed id is named if it is the current one.
const customerName = (typed: string | undefined, current: ProjectWithCustomer) =>
  !typed
    ? ''
    : typed === String(current.customer_id)
      ? (current.customer_name ?? '')
      : `другой заказчик (№${typed})`

for (const [path, deleted, message] of [
  ['delete', true, 'Проект удалён. Его можно восстановить из списка удалённых.'],
  ['restore', false, 'Проект восстановлен'],
] as const) {
  projectRoutes.post(`/:id/${path}`, requirePermission('projects.delete'), async (c) => {
    const p = await loadProject(c)
    if (!p) return renderError(c, 404)
    await setProjectDeleted(c.get('db'), actorOf(c), p.id, deleted)
    return redirectWithFlash(c, deleted ? '/projects' : `/projects/${p.id}`, message)
  })
}

projectRoutes.route('/:id/members', projectMemberRoutes)
