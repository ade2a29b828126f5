import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from './business.ts'
import type { Db } from './connect.ts'
import type { Database } from './database.ts'

// Tables whose records are soft-deleted and restorable (they have the business columns).
type SoftTable = {
  [K in keyof Database]: Database[K] extends { deleted_at: string | null } ? K : never
}[keyof Database]

// Delete or restore a business record, audited as '<entity>.delete' / '<entity>.restore'.
export async function setDeleted(
  db: Db,
  actor: Actor,
  table: SoftTable,
  entity: string,
  id: number,
  deleted: boolean,
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable(table as 'projects')
      .set((eb) => ({
        deleted_at: deleted ? nowIso() : null,
        version: eb('version', '+', 1),
        updated_at: nowIso(),
        updated_by: actor.userId,
      }))
      .where('id', '=', id)
      .execute()
    await audit(trx, actor, {
      action: `${entity}.${deleted ? 'delete' : 'restore'}`,
      entityType: entity,
      entityId: id,
    })
  })
}
