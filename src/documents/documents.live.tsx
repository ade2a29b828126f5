import { can, canInProject } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import type { Hub } from '../live/hub.ts'
import { currentLock } from '../live/locks.ts'
import { oob, refreshNotice } from '../live/oob.ts'
import { everySubscriber, type LiveRegistry } from '../live/registry.ts'
import { usersWhoSeeProject } from '../projects/projects.queries.ts'
import { DocumentRow } from '../../views/documents/DocumentList.tsx'
import {
  DocumentCard,
  DocumentHistory,
  documentLockProps,
} from '../../views/documents/DocumentPage.tsx'
import { EditLockNotice, LockSlot } from '../../views/live/LockNotice.tsx'
import { documentHistory, documentRowById } from './documents.queries.ts'
import { isOverdue, moscowToday } from './state.ts'

export const registryStream = (projectId: number) => `documents:${projectId}`
export const documentStream = (id: number) => `document:${id}`

// Overdue days come from the config of the process that renders; the hub has none, so the
// default rule is used for pushed rows (a page reload applies the configured one).
const overdue = (d: Parameters<typeof isOverdue>[0]) =>
  isOverdue(d, moscowToday(), Number(process.env.DOCUMENT_OVERDUE_DAYS ?? 10))

async function load(db: Db, id: string) {
  const d = await documentRowById(db, Number(id))
  return d ? { d, lock: await currentLock(db, 'document', d.id) } : null
}
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>

const readers = async (db: Db, ctx: Loaded, users: Parameters<typeof usersWhoSeeProject>[2]) =>
  usersWhoSeeProject(
    db,
    ctx.d.project_id,
    users.filter((u) => can(u, 'documents.read')),
  )
const key = (u: { id: number } & Parameters<typeof can>[0], { lock }: Pick<Loaded, 'lock'>) =>
  `${+can(u, 'documents.write')}${+can(u, 'locks.break')}${lock ? (lock.user_id === u.id ? 'h' : 'o') : 'f'}`

export function registerDocumentsLive(r: LiveRegistry) {
  const read = (db: Db, user: Parameters<typeof can>[0] & { id: number }, projectId: number) =>
    can(user, 'documents.read')
      ? canInProject(db, user as never, 'projects.read', projectId)
      : Promise.resolve(false)
  r.stream('documents', { authorize: (db, user, arg) => read(db, user, Number(arg)) })
  r.stream('document', {
    presence: true,
    authorize: async (db, user, arg) => {
      const d = await documentRowById(db, Number(arg))
      return !!d && (await read(db, user, d.project_id))
    },
  })
  const row = (fresh: boolean) => ({
    load,
    audience: readers,
    variant: (u: Parameters<typeof can>[0]) => String(+can(u, 'documents.write')),
    render: (u: Parameters<typeof can>[0], { d }: Loaded) => {
      const o = { selectable: can(u, 'documents.write'), showProject: false, isOverdue: overdue }
      // Counts elsewhere (the dashboard's tiles) reload on the notice.
      return (
        fresh
          ? oob(
              <tbody>
                <DocumentRow d={d} o={o} fresh />
              </tbody>,
              'afterbegin:#documents-rows',
            )
          : oob(<DocumentRow d={d} o={o} />)
      ).then((html) => html + refreshNotice('[data-live-documents]'))
    },
  })
  r.fragment('document.row', row(false))
  r.fragment('document.row.new', row(true))
  type WithHistory = Loaded & { history: Awaited<ReturnType<typeof documentHistory>> }
  r.fragment<WithHistory>('document.card', {
    load: async (db, id) => {
      const l = await load(db, id)
      return l ? { ...l, history: await documentHistory(db, l.d.id) } : null
    },
    audience: everySubscriber,
    variant: key,
    render: async (u, { d, lock, history }) =>
      (await oob(<DocumentCard d={d} me={u} lock={lock} overdue={overdue(d)} />)) +
      (await oob(<DocumentHistory id={d.id} rows={history} />)),
  })
  r.fragment<Loaded>('document.lock', {
    load,
    audience: everySubscriber,
    variant: key,
    render: async (u, { d, lock }) => {
      const props = documentLockProps(d, u, lock)
      return (await oob(<LockSlot {...props} />)) + (await oob(<EditLockNotice {...props} />))
    },
  })
}

export async function publishDocuments(
  live: Hub,
  projectId: number,
  ids: number[],
  opts: { created?: boolean } = {},
) {
  for (const id of ids) {
    await live.publish({
      stream: registryStream(projectId),
      kind: opts.created ? 'document.row.new' : 'document.row',
      id,
    })
    if (!opts.created) await live.publish({ stream: documentStream(id), kind: 'document.card', id })
  }
}
