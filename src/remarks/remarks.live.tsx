import { can, canInProject, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import type { Hub } from '../live/hub.ts'
import { currentLock } from '../live/locks.ts'
import { oob, refreshNotice } from '../live/oob.ts'
import { everySubscriber, type LiveRegistry } from '../live/registry.ts'
import { usersWhoSeeProject } from '../projects/projects.queries.ts'
import { EditLockNotice, LockSlot } from '../../views/live/LockNotice.tsx'
import { RemarkRowView } from '../../views/remarks/RemarkList.tsx'
import {
  RemarkCard,
  RemarkHistory,
  RemarkPhotos,
  remarkLockProps,
} from '../../views/remarks/RemarkPage.tsx'
import { today } from './access.ts'
import { isRemarkOverdue, remarkById, remarkHistory, remarkPhotos } from './remarks.queries.ts'
import { allowedMoves } from './transitions.ts'

export const remarksStream = (projectId: number) => `remarks:${projectId}`
export const remarkStream = (id: number) => `remark:${id}`

async function load(db: Db, id: string) {
  const r = await remarkById(db, Number(id))
  return r ? { r, lock: await currentLock(db, 'remark', r.id) } : null
}
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>
type Full = Loaded & {
  photos: Awaited<ReturnType<typeof remarkPhotos>>
  events: Awaited<ReturnType<typeof remarkHistory>>
}

const readers = (db: Db, ctx: Loaded, users: CurrentUser[]) =>
  usersWhoSeeProject(
    db,
    ctx.r.project_id,
    users.filter((u) => can(u, 'remarks.read')),
  )
const perms = (u: CurrentUser) =>
  ['remarks.work', 'remarks.verify', 'remarks.manage', 'locks.break']
    .map((p) => +can(u, p as never))
    .join('')
const key = (u: CurrentUser, { lock }: Pick<Loaded, 'lock'>) =>
  perms(u) + (lock ? (lock.user_id === u.id ? 'h' : 'o') : 'f')

export const remarkParts = (u: CurrentUser, { r, lock, photos, events }: Full) => ({
  card: (
    <RemarkCard
      r={r}
      me={u}
      lock={lock}
      overdue={isRemarkOverdue(r, today())}
      moves={allowedMoves(u, r.status)}
    />
  ),
  photos: (
    <RemarkPhotos
      remarkId={r.id}
      photos={photos}
      canUpload={can(u, 'remarks.work') || can(u, 'remarks.create')}
    />
  ),
  history: <RemarkHistory remarkId={r.id} events={events} canComment={can(u, 'remarks.read')} />,
})

export function registerRemarksLive(reg: LiveRegistry) {
  const read = async (db: Db, user: CurrentUser, projectId: number) =>
    can(user, 'remarks.read') && (await canInProject(db, user, 'projects.read', projectId))
  reg.stream('remarks', { authorize: (db, user, arg) => read(db, user, Number(arg)) })
  reg.stream('remark', {
    presence: true,
    authorize: async (db, user, arg) => {
      const r = await remarkById(db, Number(arg))
      return !!r && (await read(db, user, r.project_id))
    },
  })
  for (const fresh of [false, true])
    reg.fragment<Loaded>(fresh ? 'remark.row.new' : 'remark.row', {
      load,
      audience: readers,
      variant: () => '',
      render: (_u, { r }) => {
        const row = (
          <RemarkRowView
            r={r}
            overdue={isRemarkOverdue(r, today())}
            showProject={false}
            fresh={fresh}
          />
        )
        // Counts elsewhere (the dashboard's tiles) reload on the notice.
        return (fresh ? oob(<tbody>{row}</tbody>, 'afterbegin:#remarks-rows') : oob(row)).then(
          (html) => html + refreshNotice('[data-live-remarks]'),
        )
      },
    })
  reg.fragment<Full>('remark.card', {
    load: async (db, id) => {
      const l = await load(db, id)
      return l
        ? { ...l, photos: await remarkPhotos(db, l.r.id), events: await remarkHistory(db, l.r.id) }
        : null
    },
    audience: everySubscriber,
    variant: key,
    render: async (u, ctx) => {
      const parts = remarkParts(u, ctx)
      return (await oob(parts.card)) + (await oob(parts.photos)) + (await oob(parts.history))
    },
  })
  reg.fragment<Loaded>('remark.lock', {
    load,
    audience: everySubscriber,
    variant: key,
    render: async (u, { r, lock }) => {
      const props = remarkLockProps(r, u, lock)
      return (await oob(<LockSlot {...props} />)) + (await oob(<EditLockNotice {...props} />))
    },
  })
}

export async function publishRemark(
  live: Hub,
  projectId: number,
  id: number,
  opts: { created?: boolean } = {},
) {
  await live.publish({
    stream: remarksStream(projectId),
    kind: opts.created ? 'remark.row.new' : 'remark.row',
    id,
  })
  if (!opts.created) await live.publish({ stream: remarkStream(id), kind: 'remark.card', id })
}
