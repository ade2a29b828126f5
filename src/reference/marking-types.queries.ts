import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { isUniqueViolation } from '../db/connect.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import { GEOMETRY, type MarkingTypeForm } from './reference.schema.ts'
import type { MarkingType } from './reference.table.ts'

export class CodeTakenError extends Error {}

// ГОСТ numbers in their natural order: 1.2 before 1.11, 1.14.1 before 1.14.2.
export function compareCodes(a: string, b: string) {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1)
    if (d) return d
  }
  return 0
}

export async function listMarkingTypes(db: Db, opts: { withHidden: boolean }) {
  let q = db.selectFrom('marking_types').selectAll().limit(1000)
  if (!opts.withHidden) q = q.where('deleted_at', 'is', null)
  const rows = await q.execute()
  return rows.sort((a, b) => compareCodes(a.code, b.code))
}

export const findMarkingType = (db: Db, id: number) =>
  db.selectFrom('marking_types').selectAll().where('id', '=', id).executeTakeFirst()

const taken = (e: unknown, code: string) => (isUniqueViolation(e) ? new CodeTakenError(code) : e)

export async function createMarkingType(db: Db, actor: Actor, data: MarkingTypeForm) {
  try {
    return await db.transaction().execute(async (trx) => {
      const now = nowIso()
      const row = await trx
        .insertInto('marking_types')
        .values({
          ...data,
          confirmed: 0,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit(trx, actor, {
        action: 'marking_type.create',
        entityType: 'marking_type',
        entityId: row.id,
        after: row,
      })
      return row.id
    })
  } catch (e) {
    throw taken(e, data.code)
  }
}

// A change of a value the area depends on clears «проверено»: the new value is not checked yet.
const geometryChanged = (before: MarkingType, data: MarkingTypeForm) =>
  GEOMETRY.some((k) => (before[k] ?? null) !== (data[k] ?? null))

export async function updateMarkingType(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  data: MarkingTypeForm,
) {
  try {
    return await updateVersioned(
      db,
      actor,
      { table: 'marking_types', entity: 'marking_type', id, version },
      (before) => ({ ...data, confirmed: geometryChanged(before, data) ? 0 : before.confirmed }),
    )
  } catch (e) {
    throw taken(e, data.code)
  }
}

// «Подтвердить»: the values as the user saw them (that version) are checked against ГОСТ.
export const confirmMarkingType = (db: Db, actor: Actor, id: number, version: number) =>
  updateVersioned(
    db,
    actor,
    { table: 'marking_types', entity: 'marking_type', id, version },
    () => ({ confirmed: 1 }),
    async () => ({ action: 'marking_type.confirm' }),
  )
