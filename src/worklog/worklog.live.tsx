import { can, canInProject, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import type { Hub } from '../live/hub.ts'
import { oob, refreshNotice } from '../live/oob.ts'
import type { LiveRegistry } from '../live/registry.ts'
import { usersWhoSeeProject } from '../projects/projects.queries.ts'
import { EntryRowView } from '../../views/worklog/WorklogViews.tsx'
import { entryById, type EntryRow } from './worklog.queries.ts'

export const worklogStream = (projectId: number) => `worklog:${projectId}`
export const ALL_WORKLOG = 'worklog'

// Pages whose sums depend on their own filters reload them on this notice.
const refreshTotals = () => refreshNotice('[data-live-sums]')

// Streams: one project's log ('worklog:<id>'), or every project one sees ('worklog').
export function registerWorklogLive(r: LiveRegistry) {
  r.stream('worklog', {
    authorize: async (db, user, arg) =>
      can(user, 'worklog.read') &&
      (!arg || (await canInProject(db, user, 'projects.read', Number(arg)))),
  })
  const load = async (db: Db, id: string) => (await entryById(db, Number(id))) ?? null
  for (const showProject of [false, true]) {
    const row = (e: EntryRow, fresh: boolean) => (
      <EntryRowView e={e} showProject={showProject} fresh={fresh} />
    )
    const audience = (db: Db, e: { project_id: number }, users: CurrentUser[]) =>
      usersWhoSeeProject(
        db,
        e.project_id,
        users.filter((u) => can(u, 'worklog.read')),
      )
    const suffix = showProject ? '.all' : ''
    r.fragment<EntryRow>(`worklog.new${suffix}`, {
      load,
      audience,
      variant: () => '',
      render: async (_u, e) =>
        (await oob(<tbody>{row(e, true)}</tbody>, 'afterbegin:#worklog-rows')) + refreshTotals(),
    })
    // A corrected or deleted line: replaced in place, or removed.
    r.fragment<EntryRow>(`worklog.row${suffix}`, {
      load,
      audience,
      variant: () => '',
      render: async (_u, e) =>
        (e.deleted_at
          ? `<tr id="worklog-${e.id}" hx-swap-oob="delete"></tr>`
          : await oob(row(e, false))) + refreshTotals(),
    })
  }
}

// After the lines' transaction commits: every open log of the project, and the all-projects view.
export async function publishEntries(
  live: Hub,
  projectId: number,
  ids: number[],
  what: 'new' | 'changed' = 'new',
) {
  const kind = what === 'new' ? 'worklog.new' : 'worklog.row'
  for (const id of ids) {
    await live.publish({ stream: worklogStream(projectId), kind, id })
    await live.publish({ stream: ALL_WORKLOG, kind: `${kind}.all`, id })
  }
}
