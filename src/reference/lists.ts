import type { Db } from '../db/connect.ts'
import { cachedReference } from './cache.ts'

// The reference lists pages offer in their forms and filters, read through the process cache
// (src/reference/cache.ts). Values are shared between requests: never mutate them.

// Marking types in use, by code, for the work-log and ГПР forms.
export const activeMarkingTypes = (db: Db) =>
  cachedReference(db, 'marking_types', 'active', () =>
    db
      .selectFrom('marking_types')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('code')
      .execute(),
  )

// Materials in use (all, or only the kinds of work: paint, thermoplastic, …), in their order.
export const activeMaterials = (db: Db) =>
  cachedReference(db, 'materials', 'active', () =>
    db
      .selectFrom('materials')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  )

export const workMaterials = (db: Db) =>
  cachedReference(db, 'materials', 'work', async () =>
    (await activeMaterials(db)).filter((m) => m.is_work === 1),
  )

// Crews in use, by name.
export const activeCrews = (db: Db) =>
  cachedReference(db, 'crews', 'active', () =>
    db
      .selectFrom('crews')
      .select(['id', 'name'])
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .execute(),
  )
