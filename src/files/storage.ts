import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileTypeFromFile } from 'file-type'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/connect.ts'
import { nowIso } from '../db/business.ts'
import { formatNumber } from '../lib/format.ts'
import type { StoredFile } from './files.table.ts'
import { acceptType, type AllowedKind } from './kinds.ts'
import { cleanName } from './names.ts'
import { UploadRefused } from './upload-refused.ts'

export { UploadRefused }
export type { AllowedKind }
export type StorageConfig = Pick<Config, 'UPLOAD_DIR' | 'UPLOAD_MAX_MB'>

// How a feature takes a file:
//   <form method="post" enctype="multipart/form-data"> … <input type="file" name="file"> …
//   const body = await c.req.parseBody()
//   const file = await storeUpload(db, actorOf(c), config, body.file, { allowed: ['pdf'] })
// and shows err.message next to the field when it throws UploadRefused. The request body limit
// for multipart comes from requestBodyLimit() (body-limit.ts), not the 1 MB one for forms.
// Each upload gets its own row (its own name and author); the bytes are stored once per content,
// at UPLOAD_DIR/<sha256[0:2]>/<sha256>, never overwritten and never half-written.
export async function storeUpload(
  db: Db,
  actor: Actor,
  config: StorageConfig,
  file: File | string | null | undefined,
  opts: { allowed: readonly AllowedKind[] },
): Promise<StoredFile> {
  if (!(file instanceof File) || (file.size === 0 && !file.name)) {
    throw new UploadRefused('Выберите файл')
  }
  const limit = uploadMaxBytes(config)
  const tooLarge = () => new UploadRefused(`Файл больше ${formatNumber(config.UPLOAD_MAX_MB)} МБ`)
  if (file.size > limit) throw tooLarge()

  const tmp = await writeTemp(config.UPLOAD_DIR, file, limit, tooLarge)
  try {
    if (tmp.size === 0) throw new UploadRefused('Пустой файл')
    const type = acceptType(await fileTypeFromFile(tmp.path), opts.allowed)
    await moveIntoPlace(tmp.path, contentPath(config.UPLOAD_DIR, tmp.sha256), tmp.size)
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('files')
        .values({
          sha256: tmp.sha256,
          size: tmp.size,
          mime: type.mime,
          original_name: cleanName(file.name, type.ext),
          created_at: nowIso(),
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, actor, {
        action: 'file.upload',
        entityType: 'file',
        entityId: row.id,
        after: row,
      })
      return row
    })
  } finally {
    await rm(tmp.path, { force: true }) // gone already when it was moved into place
  }
}

export const uploadMaxBytes = (config: Pick<Config, 'UPLOAD_MAX_MB'>) =>
  Math.floor(config.UPLOAD_MAX_MB * 1024 * 1024)

export const contentPath = (uploadDir: string, sha256: string) =>
  join(uploadDir, sha256.slice(0, 2), sha256)

const tmpDir = (uploadDir: string) => join(uploadDir, 'tmp')

// Streams the upload to UPLOAD_DIR/tmp, hashing and counting the real bytes (the declared size
// may lie), and fsyncs it. On any failure the temporary file is removed before rethrowing.
async function writeTemp(uploadDir: string, file: File, limit: number, tooLarge: () => Error) {
  await mkdir(tmpDir(uploadDir), { recursive: true })
  const path = join(tmpDir(uploadDir), `${randomUUID()}.part`)
  const hash = createHash('sha256')
  let size = 0
  const out = await open(path, 'wx', 0o640)
  const reader = file.stream().getReader()
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.byteLength
      if (size > limit) throw tooLarge()
      hash.update(r.value)
      await out.write(r.value)
    }
    await out.sync()
  } catch (err) {
    await reader.cancel().catch(() => {})
    await out.close()
    await rm(path, { force: true })
    throw err
  }
  await out.close()
  return { path, size, sha256: hash.digest('hex') }
}

// rename() within one file system is atomic: the final path holds either nothing or all of it.
// Content already there (same hash, same size) is kept and the new copy dropped.
async function moveIntoPlace(tmp: string, target: string, size: number) {
  const existing = await stat(target).catch(() => null)
  if (existing?.isFile() && existing.size === size) return
  const dir = join(target, '..')
  await mkdir(dir, { recursive: true })
  await rename(tmp, target)
  await syncDir(dir) // so the rename itself survives a power cut before the row is committed
}

async function syncDir(dir: string) {
  const handle = await open(dir, 'r').catch(() => null) // not possible on Windows: skip there
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic
  } finally {
    await handle.close()
  }
}

// Temporary files left by a process that died mid-upload. Run at boot; only old ones are
// removed, since another process may be writing its own right now.
export async function sweepTemp(uploadDir: string, olderThanMs = 24 * 3600 * 1000) {
  const names = await readdir(tmpDir(uploadDir)).catch(() => [] as string[])
  const cutoff = Date.now() - olderThanMs
  for (const name of names) {
    const path = join(tmpDir(uploadDir), name)
    const st = await stat(path).catch(() => null)
    if (st && st.mtimeMs < cutoff) await rm(path, { force: true })
  }
}
