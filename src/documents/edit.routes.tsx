import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, readForm, type FormValues } from '../lib/forms.ts'
import type { LockInfo } from '../live/locks.ts'
import { lockForEdit, lockOfPost } from '../live/record-lock.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { DocumentForm } from '../../views/documents/DocumentForm.tsx'
import { documentLockProps } from '../../views/documents/DocumentPage.tsx'
import { loadFor } from '../auth/load-for.ts'
import { LockHeartbeat } from '../../views/live/LockHeartbeat.tsx'
import { EditLockNotice } from '../../views/live/LockNotice.tsx'
import { loadDocument } from './access.ts'
import { documentStream, publishDocuments } from './documents.live.tsx'
import { documentTypes, updateDocument, type DocumentListRow } from './documents.queries.ts'
import { DOCUMENT_FIELDS, documentForm } from './documents.schema.ts'

// Editing a document's card: takes the edit lock; the save checks the version.
export const documentEditRoutes = new Hono<AppEnv>()
const NAMES = DOCUMENT_FIELDS.map(([n]) => n)

async function renderEdit(
  c: Ctx,
  d: DocumentListRow,
  form: FormState,
  version: number,
  lock: LockInfo | null,
  token?: string,
) {
  const me = userOf(c)
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Документ № {d.number}: изменение</h1>
      <EditLockNotice {...documentLockProps(d, me, lock)} />
      {token && <LockHeartbeat token={token} />}
      <DocumentForm
        form={form}
        action={`/documents/${d.id}`}
        cancelHref={`/documents/${d.id}`}
        types={await documentTypes(c.get('db'))}
        version={version}
        lockToken={token}
        releaseAction={`/documents/${d.id}/lock/release`}
        readOnly={!!lock && lock.user_id !== me.id}
      />
    </div>,
    { title: `№ ${d.number}`, streams: [documentStream(d.id)] },
  )
}

documentEditRoutes.get('/edit', async (c) => {
  const { record: d, res } = await loadFor(c, loadDocument, 'documents.write')
  if (!d) return res
  const { lock, token } = await lockForEdit(c, 'document', d.id)
  return renderEdit(c, d, emptyForm(formValuesOf(d, NAMES)), d.version, lock, token)
})

async function renderConflict(c: Ctx, d: DocumentListRow, typed: FormValues) {
  const fresh = (await loadDocument(c))!
  const saved = formValuesOf(fresh, NAMES)
  c.status(409)
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Документ № {d.number}</h1>
      <ConflictView
        action={`/documents/${d.id}`}
        currentVersion={fresh.version}
        updatedBy={await userDisplayName(
          c.get('db'),
          (
            await c
              .get('db')
              .selectFrom('documents')
              .select('updated_by')
              .where('id', '=', d.id)
              .executeTakeFirstOrThrow()
          ).updated_by,
        )}
        updatedAt={formatDateTime(fresh.updated_at)}
        fields={DOCUMENT_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: typed[name] ?? '',
        }))}
        typed={typed}
        cancelHref={`/documents/${d.id}`}
      />
    </div>,
    { title: `№ ${d.number}` },
  )
}

documentEditRoutes.post('/', async (c) => {
  const { record: d, res } = await loadFor(c, loadDocument, 'documents.write')
  if (!d) return res
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const { token, lock } = await lockOfPost(c, 'document', d.id, body)
  const form = await readForm(body, documentForm)
  if (!form.ok) {
    c.status(422)
    return renderEdit(c, d, form, version, lock, token)
  }
  const saved = await updateDocument(c.get('db'), actorOf(c), d.id, version, form.data, token)
  if (!saved.ok) return renderConflict(c, d, form.values)
  const live = c.get('deps').live
  await publishDocuments(live, d.project_id, [d.id])
  if (token) await live.publishLock('document', d.id)
  return redirectWithFlash(c, `/documents/${d.id}`, 'Изменения сохранены')
})
