import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, readForm, type FormValues } from '../lib/forms.ts'
import { lockForEdit, lockOfPost } from '../live/record-lock.ts'
import { MATERIALS } from '../materials/materials.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm } from '../../views/components/Field.tsx'
import { renderProjectForm as renderForm } from './project-form.tsx'
import { projectStream, publishProject } from './projects.live.tsx'
import { presentUsers } from '../live/presence.live.tsx'
import {
  CodeTakenError,
  findProjectFor,
  projectVolumes,
  updateProject,
  type ProjectWithCustomer,
} from './projects.queries.ts'
import { loadProject } from './load-project.ts'
import { PROJECT_FIELDS, projectForm } from './projects.schema.ts'

// Editing a project: the form takes the edit lock; the save checks the version.
export const projectEditRoutes = new Hono<AppEnv>()
// Permission per route, not use(): this sub-app is mounted at '/:id', and a use() here
// would also guard every other path under it.
const canWrite = requirePermission('projects.write')

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

projectEditRoutes.get('/edit', canWrite, async (c) => {
  const p = await loadProject(c)
  if (!p || p.deleted_at) return renderError(c, 404)
  const { lock, token } = await lockForEdit(c, 'project', p.id)
  return renderForm(c, emptyForm(await projectFormValues(c, p)), {
    project: p,
    version: p.version,
    lock,
    lockToken: token,
    present: await presentUsers(c.get('db'), projectStream(p.id)),
  })
})

projectEditRoutes.post('/', canWrite, async (c) => {
  const p = await loadProject(c)
  if (!p || p.deleted_at) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const { token: lockToken, lock } = await lockOfPost(c, 'project', p.id, body)
  const form = await readForm(body, projectForm)
  if (!form.ok) {
    c.status(422)
    return renderForm(c, form, { project: p, version, lock, lockToken })
  }
  try {
    const saved = await updateProject(c.get('db'), actorOf(c), p.id, version, form.data, lockToken)
    if (saved.ok) {
      const live = c.get('deps').live
      await publishProject(live, p.id)
      if (lockToken) await live.publishLock('project', p.id)
      return redirectWithFlash(c, `/projects/${p.id}`, 'Изменения сохранены')
    }
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
      { project: p, version, lock, lockToken },
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
