import { can, canInProject, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import type { Hub } from '../live/hub.ts'
import { oob } from '../live/oob.ts'
import type { LiveRegistry } from '../live/registry.ts'
import { usersWhoSeeProject } from '../projects/projects.queries.ts'
import { EntryRowView } from '../../views/worklog/WorklogViews.tsx'
import { entryById } from './worklog.queries.ts'

export const worklogStream = (projectId: number) => `worklog:${projectId}`
export const ALL_WORKLOG = 'worklog'

// Pages whose sums depend on their own filters reload them on this notice.
const refreshTotals = () =>
  `<div id="live-refresh" hidden hx-swap-oob="true" data-targets="[data-live-sums]" data-at="${Date.now()}"></div>`

// Streams: one project's log ('worklog:<id>'), or every project one sees ('worklog').
export function registerWorklogLive(r: LiveRegistry) {
  r.stream('worklog', {
    authorize: async (db, user, arg) =>
      can(user, 'worklog.read') &&
      (!arg || (await canInProject(db, user, 'projects.read', Number(arg)))),
  })
  const load = async (db: Db, id: string) => (await entryById(db, Number(id))) ?? null
  for (const showProject of [false, true])
    r.fragment(showProject ? 'worklog.new.all' : 'worklog.new', {
      load,
      audience: (db, e, users: CurrentUser[]) =>
        usersWhoSeeProject(
          db,
          e.project_id,
          users.filter((u) => can(u, 'worklog.read')),
        ),
      variant: () => '',
      render: async (_u, e) =>
        (await oob(
          <tbody>
            <EntryRowView e={e} showProject={showProject} fresh />
          </tbody>,
          'afterbegin:#worklog-rows',
        )) + refreshTotals(),
    })
}

// After the lines' transaction commits: every open log of the project, and the all-projects view.
export async function publishEntries(live: Hub, projectId: number, ids: number[]) {
  for (const id of ids) {
    await live.publish({ stream: worklogStream(projectId), kind: 'worklog.new', id })
    await live.publish({ stream: ALL_WORKLOG, kind: 'worklog.new.all', id })
  }
}
