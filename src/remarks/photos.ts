import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import type { StoredPhoto } from '../files/images.ts'
import { addEvent } from './remarks.queries.ts'

export async function attachPhoto(
  db: Db,
  actor: Actor,
  remarkId: number,
  photo: StoredPhoto,
  phase: 'before' | 'after',
) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('remark_photos')
      .values({
        remark_id: remarkId,
        file_id: photo.original.id,
        thumb_file_id: photo.thumb?.id ?? null,
        phase,
        caption: null,
        created_at: nowIso(),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await addEvent(trx, actor, remarkId, {
      kind: 'photo',
      detail: `Фото «${phase === 'before' ? 'до' : 'после'}»: ${photo.original.original_name}`,
    })
    await audit(trx, actor, {
      action: 'remark.photo',
      entityType: 'remark',
      entityId: remarkId,
      after: row,
    })
  })
}
