import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { currentLock } from '../live/locks.ts'
import { presentUsers } from '../live/presence.live.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { RemarkCard, RemarkPage, RemarkPhotos } from '../../views/remarks/RemarkPage.tsx'
import { loadRemark, today } from './access.ts'
import { remarkParts, remarkStream } from './remarks.live.tsx'
import { isRemarkOverdue, remarkHistory, remarkPhotos } from './remarks.queries.ts'
import { allowedMoves } from './transitions.ts'

// A remark's page; a refused move or photo shows it again with the reason (422).
export async function renderRemarkPage(
  c: Ctx,
  opts: { moveError?: string; photoError?: string } = {},
) {
  const r = await loadRemark(c)
  if (!r) return renderError(c, 404)
  const db = c.get('db')
  const me = userOf(c)
  const [lock, photos, events, present] = await Promise.all([
    currentLock(db, 'remark', r.id),
    remarkPhotos(db, r.id),
    remarkHistory(db, r.id),
    presentUsers(db, remarkStream(r.id)),
  ])
  const parts = remarkParts(me, { r, lock, photos, events })
  return c.render(
    <RemarkPage
      remarkId={r.id}
      me={me}
      present={present}
      card={
        opts.moveError ? (
          <RemarkCard
            r={r}
            me={me}
            lock={lock}
            overdue={isRemarkOverdue(r, today())}
            moves={allowedMoves(me, r.status)}
            error={opts.moveError}
          />
        ) : (
          parts.card
        )
      }
      photos={
        opts.photoError ? (
          <RemarkPhotos remarkId={r.id} photos={photos} canUpload error={opts.photoError} />
        ) : (
          parts.photos
        )
      }
      history={parts.history}
    />,
    { title: r.number, streams: [remarkStream(r.id)] },
  )
}
