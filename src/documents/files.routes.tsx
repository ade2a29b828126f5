import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { can } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import { fileRoute } from '../files/download.ts'
import { storeUpload, UploadRefused } from '../files/storage.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { parseId } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { loadDocument } from './access.ts'
import { publishDocuments } from './documents.live.tsx'
import { renderDocumentPage } from './document-page.tsx'

// A document's scans and drawings: every upload is kept as a new version.
export const documentFileRoutes = new Hono<AppEnv>()

documentFileRoutes.post('/', async (c) => {
  const d = await loadDocument(c)
  if (!d) return renderError(c, 404)
  if (!can(userOf(c), 'documents.write')) return renderError(c, 403)
  const db = c.get('db')
  const back = `/documents/${d.id}`
  try {
    const file = await storeUpload(
      db,
      actorOf(c),
      c.get('deps').config,
      (await c.req.parseBody()).file,
      {
        allowed: ['pdf', 'image', 'office', 'dwg'],
      },
    )
    await db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('document_files')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('document_id', '=', d.id)
        .executeTakeFirst()
      const row = {
        document_id: d.id,
        file_id: file.id,
        version: Number(last?.v ?? 0) + 1,
        created_at: nowIso(),
        created_by: actorOf(c).userId,
      }
      await trx.insertInto('document_files').values(row).execute()
      await audit(trx, actorOf(c), {
        action: 'document.file',
        entityType: 'document',
        entityId: d.id,
        after: { ...row, name: file.original_name },
      })
    })
    await publishDocuments(c.get('deps').live, d.project_id, [d.id])
    return redirectWithFlash(c, back, `Файл «${file.original_name}» загружен`)
  } catch (e) {
    if (!(e instanceof UploadRefused)) throw e
    c.status(422)
    return renderDocumentPage(c, { fileError: e.message })
  }
})

documentFileRoutes.get(
  '/:fileId',
  fileRoute({
    inline: true,
    find: async (c) => {
      const d = await loadDocument(c)
      const fileId = parseId(c.req.param('fileId'))
      if (!d || !fileId) return null
      const link = await c
        .get('db')
        .selectFrom('document_files')
        .select('file_id')
        .where('document_id', '=', d.id)
        .where('file_id', '=', fileId)
        .executeTakeFirst()
      return link ? { fileId: link.file_id } : null
    },
  }),
)
