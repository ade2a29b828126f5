import { fileTypeFromBuffer } from 'file-type'
import type { Actor } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import { formatNumber } from '../lib/format.ts'
import type { StoredFile } from './files.table.ts'
import { KINDS } from './kinds.ts'
import { contentPath, storeUpload, uploadMaxBytes, type StorageConfig } from './storage.ts'
import { UploadRefused } from './upload-refused.ts'

// Photos (of remarks, …): the original is kept exactly as uploaded and opened full size; the
// page shows a small JPEG made here, turned upright by the EXIF orientation (phones save a
// portrait shot as landscape pixels plus «rotate 90°»), in sRGB and without metadata (no GPS).
export const THUMB_MAX_PX = 480 // the long side
export const THUMB_QUALITY = 80
// sharp's own default, 0x3FFF²: a small PNG may claim to be gigapixels and would take the
// memory of the whole server to decode. Real photos, 200 MP phone modes included, fit.
export const PIXEL_LIMIT = 0x3fff * 0x3fff
// A thumbnail is ours, not the user's: its size follows from THUMB_MAX_PX, not UPLOAD_MAX_MB.
const THUMB_MAX_MB = 2
const THUMB_SUFFIX = '.thumb.jpg'
const MAX_NAME_CHARS = 120 // as cleanName() in names.ts

// Types the uploads take (kinds.ts) that this libvips may not decode: the prebuilt sharp reads
// AVIF but not HEVC, so an iPhone HEIC is kept without a thumbnail rather than refused.
const MAYBE_UNREADABLE = new Set(['image/heic', 'image/heif'])
const IMAGE_MIMES: readonly string[] = KINDS.image.mimes

export interface StoredPhoto {
  original: StoredFile
  /** null when the original is a type this server cannot decode (HEIC). */
  thumb: StoredFile | null
}

export interface Thumbnail {
  data: Buffer
  width: number
  height: number
}

// How a feature takes a photo:
//   const body = await c.req.parseBody()
//   const { original, thumb } = await storePhoto(db, actorOf(c), config, body.photo)
// Refusals are UploadRefused with a message for the form, as storeUpload's: «Выберите файл»,
// «Файл больше N МБ», «Пустой файл», «Тип файла не подходит: …», and two of its own:
// «Не удалось прочитать изображение» (a JPEG/PNG/WebP by its signature that does not decode)
// and «Слишком большое изображение: …». A refused photo leaves no row and nothing on disk.
// Both files are rows of `files`, stored and audited as uploads by the actor; the thumbnail is
// named «<original name>.thumb.jpg».
export async function storePhoto(
  db: Db,
  actor: Actor,
  config: StorageConfig,
  file: File | string | null | undefined,
): Promise<StoredPhoto> {
  let upload = file
  let thumb: Thumbnail | null = null
  // Decoded before anything is stored, so a broken image leaves nothing behind. The bytes are
  // read once, and those same bytes are stored: the thumbnail is always of the original kept.
  // What storeUpload refuses anyway (no file, too large, empty, not an image) is left to it.
  const limit = uploadMaxBytes(config)
  if (file instanceof File && file.size > 0 && file.size <= limit) {
    const bytes = new Uint8Array(await file.arrayBuffer())
    upload = new File([bytes], file.name, { type: file.type, lastModified: file.lastModified })
    const type = await fileTypeFromBuffer(bytes)
    if (bytes.length <= limit && type && IMAGE_MIMES.includes(type.mime)) {
      thumb = await thumbnailOrRefuse(bytes, type.mime)
    }
  }

  const original = await storeUpload(db, actor, config, upload, { allowed: ['image'] })
  if (!thumb) return { original, thumb: null }
  const thumbConfig = {
    UPLOAD_DIR: config.UPLOAD_DIR,
    UPLOAD_MAX_MB: Math.max(config.UPLOAD_MAX_MB, THUMB_MAX_MB),
  }
  const thumbFile = new File([new Uint8Array(thumb.data)], thumbName(original.original_name), {
    type: 'image/jpeg',
  })
  const stored = await storeUpload(db, actor, thumbConfig, thumbFile, { allowed: ['image'] })
  return { original, thumb: stored }
}

async function thumbnailOrRefuse(bytes: Uint8Array, mime: string): Promise<Thumbnail | null> {
  try {
    return await makeThumbnail(bytes)
  } catch (err) {
    if (MAYBE_UNREADABLE.has(mime)) return null
    if (err instanceof Error && /pixel limit/i.test(err.message)) {
      const mp = formatNumber(Math.floor(PIXEL_LIMIT / 1e6))
      throw new UploadRefused(`Слишком большое изображение: больше ${mp} мегапикселей`)
    }
    throw new UploadRefused('Не удалось прочитать изображение')
  }
}

// sharp and libvips are loaded on the first photo, not when the server starts.
const loadSharp = async () => (await import('sharp')).default

// Upright (EXIF orientation applied, mirrored ones too), at most THUMB_MAX_PX on the long side
// and never enlarged, transparency on white, sRGB JPEG without metadata. Throws what sharp
// throws for content it cannot decode.
export async function makeThumbnail(input: Uint8Array | string): Promise<Thumbnail> {
  const sharp = await loadSharp()
  const { data, info } = await sharp(input, { limitInputPixels: PIXEL_LIMIT })
    .rotate()
    .resize(THUMB_MAX_PX, THUMB_MAX_PX, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: THUMB_QUALITY })
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

// «фото.jpg» → «фото.jpg.thumb.jpg»; a long name loses characters from its end, not the suffix.
// The name given is already clean (cleanName), so nothing else needs removing.
export function thumbName(originalName: string): string {
  const base = Array.from(originalName)
    .slice(0, MAX_NAME_CHARS - THUMB_SUFFIX.length)
    .join('')
    .replace(/[\s.]+$/, '')
  return `${base || 'фото'}${THUMB_SUFFIX}`
}

// Width and height as the photo is seen (after EXIF orientation), for <img width height>;
// null when this server cannot decode it. Reads the header only.
export async function photoDimensions(
  uploadDir: string,
  file: Pick<StoredFile, 'sha256'>,
): Promise<{ width: number; height: number } | null> {
  try {
    const sharp = await loadSharp()
    const meta = await sharp(contentPath(uploadDir, file.sha256), {
      limitInputPixels: PIXEL_LIMIT,
    }).metadata()
    const { width, height } = meta.autoOrient
    return width && height ? { width, height } : null
  } catch {
    return null
  }
}
