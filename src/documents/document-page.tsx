import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { currentLock } from '../live/locks.ts'
import { presentUsers } from '../live/presence.live.tsx'
import type { FormState } from '../../views/components/Field.tsx'
import { DocumentFiles } from '../../views/documents/DocumentFiles.tsx'
import { DocumentPage } from '../../views/documents/DocumentPage.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { loadDocument, overdueRule } from './access.ts'
import { documentStream } from './documents.live.tsx'
import { documentHistory } from './documents.queries.ts'
import { documentFiles } from './files.queries.ts'

// One document's page; a refused movement or upload shows it again with the reason (422).
export async function renderDocumentPage(
  c: Ctx,
  opts: { movementForm?: FormState; fileError?: string } = {},
) {
  const d = await loadDocument(c)
  if (!d) return renderError(c, 404)
  const db = c.get('db')
  const me = userOf(c)
  const [history, lock, present, files] = await Promise.all([
    documentHistory(db, d.id),
    currentLock(db, 'document', d.id),
    presentUsers(db, documentStream(d.id)),
    documentFiles(db, d.id),
  ])
  return c.render(
    <DocumentPage
      d={d}
      me={me}
      lock={lock}
      overdue={overdueRule(c).isOverdue(d)}
      history={history}
      present={present}
      movementForm={opts.movementForm}
      files={
        <DocumentFiles
          documentId={d.id}
          files={files}
          canUpload={can(me, 'documents.write')}
          error={opts.fileError}
          maxMb={c.get('deps').config.UPLOAD_MAX_MB}
        />
      }
    />,
    { title: `№ ${d.number}`, streams: [documentStream(d.id)] },
  )
}
