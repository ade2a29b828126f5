import { can, canInProject } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { domId } from '../lib/dom-id.ts'
import type { Hub } from '../live/hub.ts'
import { currentLock } from '../live/locks.ts'
import { oob } from '../live/oob.ts'
import type { LiveRegistry } from '../live/registry.ts'
import { EditLockNotice, LockSlot } from '../../views/live/LockNotice.tsx'
import { ProjectRow } from '../../views/projects/ProjectList.tsx'
import { ProjectCard, projectLockProps } from '../../views/projects/ProjectDetail.tsx'
import { permsKey, projectPerms } from './project-perms.ts'
import { projectRow, usersWhoSeeProject } from './projects.queries.ts'

export const PROJECTS_STREAM = 'projects'
export const projectStream = (id: number) => `project:${id}`

async function loadWithLock(db: Db, id: string) {
  const p = await projectRow(db, Number(id))
  return p ? { p, lock: await currentLock(db, 'project', p.id) } : null
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadWithLock>>>

const audience = (db: Db, ctx: Loaded, users: Parameters<typeof usersWhoSeeProject>[2]) =>
  usersWhoSeeProject(db, ctx.p.id, users)
const lockKey = (u: { id: number }, ctx: Loaded) =>
  ctx.lock?.user_id === u.id ? 'holder' : ctx.lock ? 'other' : 'free'

export function registerProjectsLive(r: LiveRegistry) {
  r.stream(PROJECTS_STREAM, { authorize: async (_db, user) => can(user, 'projects.read') })
  r.stream('project', {
    authorize: (db, user, arg) => canInProject(db, user, 'projects.read', Number(arg)),
    presence: true,
  })

  // A row of the projects list changed (or was deleted).
  r.fragment('project.row', {
    load: loadWithLock,
    audience,
    variant: (u) => String(+can(u, 'projects.write')),
    render: (u, { p }) =>
      p.deleted_at
        ? `<tr id="${domId('project', p.id)}" hx-swap-oob="delete"></tr>`
        : oob(<ProjectRow p={p} canWrite={can(u, 'projects.write')} />),
  })
  // A new project: prepended to every open list that may see it.
  r.fragment('project.row.new', {
    load: loadWithLock,
    audience,
    variant: (u) => String(+can(u, 'projects.write')),
    render: (u, { p }) =>
      oob(
        <tbody>
          <ProjectRow p={p} canWrite={can(u, 'projects.write')} fresh />
        </tbody>,
        'afterbegin:#projects-rows',
      ),
  })
  // The project's own page.
  r.fragment('project.card', {
    load: loadWithLock,
    audience,
    variant: (u, ctx) => permsKey(u) + lockKey(u, ctx),
    render: (u, { p, lock }) =>
      oob(<ProjectCard p={p} perms={projectPerms(u)} live={{ lock, me: u }} />),
  })
  // Who edits it: the record page's edit button and the edit form's notice.
  r.fragment('project.lock', {
    load: loadWithLock,
    audience,
    variant: (u, ctx) => permsKey(u) + lockKey(u, ctx),
    render: async (u, { p, lock }) => {
      const props = projectLockProps(p, projectPerms(u), { lock, me: u })
      return (await oob(<LockSlot {...props} />)) + (await oob(<EditLockNotice {...props} />))
    },
  })
}

// After a project's transaction commits.
export async function publishProject(live: Hub, id: number, opts: { created?: boolean } = {}) {
  await live.publish({
    stream: PROJECTS_STREAM,
    kind: opts.created ? 'project.row.new' : 'project.row',
    id,
  })
  if (!opts.created) await live.publish({ stream: projectStream(id), kind: 'project.card', id })
}
