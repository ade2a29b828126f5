import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from './business.ts'
import type { Db } from './connect.ts'
import type { Database } from './database.ts'

// Tables whose records are soft-deleted and restorable (they have the business columns).
type SoftTable = {
  [K in keyof Database]: Database[K] extends { deleted_at: string | null } ? K : never
}[keyof Database]

// Delete or restore a business record, audited as '<entity>.delete' / '<entity>.restore' with
// the deletion mark and version before and after.
export async function setDeleted(
  db: Db,
  actor: Actor,
  table: SoftTable,
  entity: string,
  id: number,
  deleted: boolean,
) {
  await db.transaction().execute(async (trx) => {
    const t = table as 'projects'
    const before = await trx
      .selectFrom(t)
      .select(['deleted_at', 'version'])
      .where('id', '=', id)
      .executeTakeFirst()
    const after = await trx
      .updateTable(t)
      .set((eb) => ({
        deleted_at: deleted ? nowIso() : null,
        version: eb('version', '+', 1),
        updated_at: nowIso(),
        updated_by: actor.userId,
      }))
      .where('id', '=', id)
      .returning(['deleted_at', 'version'])
      .executeTakeFirst()
    await audit(trx, actor, {
      action: `${entity}.${deleted ? 'delete' : 'restore'}`,
      entityType: entity,
      entityId: id,
      before,
      after,
    })
  })
}
