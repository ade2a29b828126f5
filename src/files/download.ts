import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { HTTPException } from 'hono/http-exception'
import type { Ctx } from '../app-env.ts'
import type { StoredFile } from './files.table.ts'
import { findFile } from './files.queries.ts'
import { contentDisposition } from './names.ts'
import { contentPath } from './storage.ts'

// Shown in the browser when asked; everything else is always a download.
const INLINE_MIMES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp'])

// Streams a stored file with headers that keep the browser from treating it as part of the
// app: the detected type with nosniff, a download name, and a CSP sandbox around anything it
// would render. The one exception is an inline PDF: Chrome's and Safari's PDF viewers show a
// blank page under `sandbox`, and they run in their own origin anyway.
export async function sendFile(c: Ctx, file: StoredFile, opts: { inline?: boolean } = {}) {
  const path = contentPath(c.get('deps').config.UPLOAD_DIR, file.sha256)
  const st = await stat(path).catch(() => null)
  if (!st?.isFile() || st.size !== file.size) {
    throw new Error(`file ${file.id}: content ${file.sha256} is missing or damaged on disk`)
  }
  const inline = !!opts.inline && INLINE_MIMES.has(file.mime)
  const headers: Record<string, string> = {
    'Content-Type': file.mime,
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.original_name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-cache',
  }
  if (!(inline && file.mime === 'application/pdf')) {
    headers['Content-Security-Policy'] = "default-src 'none'; sandbox"
  }
  const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>
  return c.body(body, 200, headers)
}

export interface FileAccess {
  fileId: number
}

// A download route whose access check is explicit: `find` loads the owning record through the
// user (findDocumentFor(db, user, id), …) and answers which file it offers, or null, which is
// a 404 whether the record is missing, not the user's to see, or holds no such file.
//   app.get('/:id/files/:fileId', fileRoute({ find: async (c) => … }))
export function fileRoute(opts: {
  find: (c: Ctx) => Promise<FileAccess | null>
  inline?: boolean
}) {
  return async function fileDownload(c: Ctx) {
    const access = await opts.find(c)
    const file = access && (await findFile(c.get('db'), access.fileId))
    if (!file) throw new HTTPException(404)
    return sendFile(c, file, { inline: opts.inline })
  }
}
