import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { customerOptions } from '../customers/customers.queries.ts'
import type { LockInfo } from '../live/locks.ts'
import { LockHeartbeat } from '../../views/live/LockHeartbeat.tsx'
import { EditLockNotice } from '../../views/live/LockNotice.tsx'
import { Presence } from '../../views/live/Presence.tsx'
import type { FormState } from '../../views/components/Field.tsx'
import { ProjectForm } from '../../views/projects/ProjectForm.tsx'
import { projectLockProps } from '../../views/projects/ProjectDetail.tsx'
import { projectPerms } from './project-perms.ts'
import { projectStream } from './projects.live.tsx'
import type { ProjectWithCustomer } from './projects.queries.ts'

export interface ProjectFormOpts {
  present?: { id: number; full_name: string }[] // who else has the project open
  project?: ProjectWithCustomer
  version?: number
  lock?: LockInfo | null // the record's lock when editing an existing project
  lockToken?: string // set when this editor holds it
}

// The new/edit page. Editing watches the project's stream, so lock changes show live, and
// heartbeats keep this editor's lock while the page is open.
export async function renderProjectForm(c: Ctx, form: FormState, opts: ProjectFormOpts) {
  const p = opts.project
  const title = p ? `Проект ${p.code}: изменение` : 'Новый проект'
  const me = userOf(c)
  const lockProps = p && projectLockProps(p, projectPerms(me), { lock: opts.lock ?? null, me })
  const readOnly = !!opts.lock && opts.lock.user_id !== me.id
  return c.render(
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">{title}</h1>
        {p && <Presence stream={projectStream(p.id)} users={opts.present ?? []} meId={me.id} />}
      </div>
      {lockProps && <EditLockNotice {...lockProps} />}
      {opts.lockToken && <LockHeartbeat token={opts.lockToken} />}
      <ProjectForm
        form={form}
        action={p ? `/projects/${p.id}` : '/projects'}
        cancelHref={p ? `/projects/${p.id}` : '/projects'}
        version={opts.version}
        customers={await customerOptions(c.get('db'))}
        lockToken={opts.lockToken}
        releaseAction={p && `/projects/${p.id}/lock/release`}
        readOnly={readOnly}
      />
    </div>,
    { title, streams: p ? [projectStream(p.id)] : [] },
  )
}
