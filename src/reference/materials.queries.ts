import type { z } from 'zod'
import type { Actor } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import type { materialForm } from './reference.schema.ts'

export const listMaterials = (db: Db) =>
  db
    .selectFrom('materials')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('id')
    .limit(200)
    .execute()

export const findMaterial = (db: Db, id: number) =>
  db
    .selectFrom('materials')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()

// The code (the desktop app's slug) is the key of planned volumes and imports: never edited.
export const updateMaterial = (
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  data: z.output<typeof materialForm>,
) =>
  updateVersioned(db, actor, { table: 'materials', entity: 'material', id, version }, () => ({
    ...data,
  }))
