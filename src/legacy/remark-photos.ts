import { readFile } from 'node:fs/promises'
import { storePhoto, type StoredPhoto } from '../files/images.ts'
import { UploadRefused } from '../files/upload-refused.ts'
import { formatNumber } from '../lib/format.ts'
import { baseName } from './file-finder.ts'
import { joined } from './joined.ts'
import type { Run, Tally } from './run.ts'
import { text } from './source.ts'
import { moscowLocalToUtc } from './time.ts'

export interface LegacyPhoto {
  id: number
  remark_id: number
  file_path: string
  filename: string
  file_size: number | null
  description: string | null
  created_by: string | null
  created_at: string | null
}

// A stored copy of a legacy file found under --files, or why there is none.
export async function storeLegacyFile<T>(
  run: Run,
  name: string | null,
  oldPath: string | null,
  store: (file: File) => Promise<T>,
): Promise<{ stored: T } | { missing: string }> {
  const path = run.files?.find(name, oldPath) ?? null
  const label = oldPath ?? name ?? '—'
  if (!path) {
    run.report.files.missing.push(label)
    return { missing: run.files ? 'файл не найден' : 'каталог файлов не указан' }
  }
  try {
    const bytes = await readFile(path)
    const stored = await store(new File([new Uint8Array(bytes)], name ?? baseName(path)))
    run.report.files.copied++
    return { stored }
  } catch (e) {
    if (!(e instanceof UploadRefused)) throw e
    run.report.files.missing.push(`${label}: ${e.message}`)
    return { missing: e.message }
  }
}

// A photo of a remark: with its file, a photo of the remark («до» until the remark was first
// marked fixed, «после» from then); without it, an event in the remark's history that names
// the file and says it was not found. A later run given the files makes that a photo.
export async function importPhoto(
  run: Run,
  t: Tally,
  remarkId: number,
  p: LegacyPhoto,
  fixedAt: string | null,
) {
  t.read()
  const known = run.key('main', 'remark_photos', p.id)
  if (known?.entity_type === 'remark_photo') return t.merged()
  const name = text(p.filename)
  const at = moscowLocalToUtc(p.created_at) ?? run.now
  const phase = fixedAt && at >= fixedAt ? 'after' : 'before'
  const found = await storeLegacyFile(run, name, text(p.file_path), (file) =>
    storePhoto(joined(run.trx), run.actor, run.upload!, file),
  )
  if ('missing' in found && known) return t.merged() // still missing: already recorded
  const userId = run.people.match(p.created_by)
  const phaseLabel = phase === 'before' ? 'до' : 'после'
  const size = p.file_size ? `, ${formatNumber(Math.round(p.file_size / 1024))} КБ` : ''
  const event = {
    remark_id: remarkId,
    kind: 'photo' as const,
    from_status: null,
    to_status: null,
    detail:
      'stored' in found
        ? `Фото «${phaseLabel}»: ${found.stored.original.original_name}`
        : `Фото «${phaseLabel}» из прежней программы: ${name ?? p.file_path}${size} — ` +
          `файл не перенесён (${found.missing}), путь на старом компьютере: ${p.file_path}`,
    comment: text(p.description),
    user_id: userId,
    user_name: userId ? null : text(p.created_by),
    at: 'stored' in found && known ? run.now : at,
  }
  const ev = await run.trx
    .insertInto('remark_events')
    .values(event)
    .returning('id')
    .executeTakeFirstOrThrow()
  if ('missing' in found) {
    await run.remember('main', 'remark_photos', p.id, 'remark_event', ev.id)
    return t.imported()
  }
  const photo = await addPhoto(run, remarkId, found.stored, phase, p, userId, at)
  if (known) await run.rekey('main', 'remark_photos', p.id, 'remark_photo', photo.id)
  else await run.remember('main', 'remark_photos', p.id, 'remark_photo', photo.id)
  t.imported()
}

async function addPhoto(
  run: Run,
  remarkId: number,
  stored: StoredPhoto,
  phase: 'before' | 'after',
  p: LegacyPhoto,
  userId: number | null,
  at: string,
) {
  const row = await run.trx
    .insertInto('remark_photos')
    .values({
      remark_id: remarkId,
      file_id: stored.original.id,
      thumb_file_id: stored.thumb?.id ?? null,
      phase,
      caption: text(p.description),
      created_at: at,
      created_by: userId ?? run.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await run.audit('remark.photo', 'remark', remarkId, row)
  return row
}
