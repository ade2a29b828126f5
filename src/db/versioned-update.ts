import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { SaveResult } from '../lib/versioned.ts'
import { nowIso } from './business.ts'
import type { Db } from './connect.ts'
import type { Database } from './database.ts'

type VersionedTable = {
  [K in keyof Database]: Database[K] extends { version: unknown; updated_by: number | null }
    ? K
    : never
}[keyof Database]
type Row<T extends VersionedTable> = import('kysely').Selectable<Database[T]>

// The one way a business record is saved from a form: only if nobody saved it since the
// version the user saw (else the current row comes back for the conflict view), in one
// transaction with its audit entry and the release of the editor's lock.
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  actor: Actor,
  target: { table: T; entity: string; id: number; version: number; lockToken?: string },
  set: (before: Row<T>) => Record<string, unknown>,
  after?: (trx: Db, before: Row<T>, row: Row<T>) => Promise<{ action?: string } | void>,
): Promise<SaveResult<Row<T>>> {
  const { table, entity, id, version, lockToken } = target
  return db.transaction().execute(async (trx) => {
    const t = table as 'customers' // one concrete table for Kysely's types; the SQL is the same
    const before = (await trx
      .selectFrom(t)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as unknown as Row<T>
    const row = (await trx
      .updateTable(t)
      .set({ ...set(before), version: version + 1, updated_at: nowIso(), updated_by: actor.userId })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst()) as unknown as Row<T> | undefined
    if (!row) return { ok: false, current: before }
    if (lockToken) await trx.deleteFrom('edit_locks').where('token', '=', lockToken).execute()
    const extra = await after?.(trx, before, row)
    await audit(trx, actor, {
      action: extra?.action ?? `${entity}.update`,
      entityType: entity,
      entityId: id,
      before,
      after: row,
    })
    return { ok: true, row }
  })
}
