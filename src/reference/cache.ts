import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { Db } from '../db/connect.ts'

// Reference lists — marking types, materials, crews, document types, warehouses — change a few
// times a year and are read by most pages (the work-log form, the ГПР, the registry, the
// warehouse). Each process keeps them in memory, per database, until a write says otherwise:
// - a successful write under a reference route drops them here at once and tells the other
//   processes through the live bus ({ t: 'reference' }, handled by the hub);
// - writes from outside a server (the CLI's seed or legacy import on SQLite) are seen within
//   MAX_AGE_MS, the net under the bus.
// Only reads outside a transaction use the cache; a cached value is shared, never mutated.
export const REFERENCE_TABLES = [
  'marking_types',
  'materials',
  'crews',
  'document_types',
  'warehouses',
] as const
export type ReferenceTable = (typeof REFERENCE_TABLES)[number]

export const MAX_AGE_MS = 60_000

interface Entry {
  generation: number
  at: number
  value: Promise<unknown>
}

// One generation per table for the whole process: a change bumps it, and every entry loaded
// under an older generation is stale. A load that started before the change cannot store a
// stale value afterwards, since it carries the generation it started under.
const generations = new Map<ReferenceTable, number>()
const caches = new WeakMap<Db, Map<string, Entry>>()
const generation = (table: ReferenceTable) => generations.get(table) ?? 0

export function cachedReference<T>(
  db: Db,
  table: ReferenceTable,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  const id = `${table}:${key}`
  const hit = cache.get(id)
  const gen = generation(table)
  if (hit && hit.generation === gen && Date.now() - hit.at < MAX_AGE_MS)
    return hit.value as Promise<T>
  const value = load()
  const entry = { generation: gen, at: Date.now(), value }
  cache.set(id, entry)
  // A failed load is not kept: the next read asks the database again.
  value.catch(() => cache.get(id) === entry && cache.delete(id))
  return value
}

export function invalidateReference(tables: readonly ReferenceTable[] = REFERENCE_TABLES) {
  for (const t of tables) generations.set(t, generation(t) + 1)
}

// Mounted on the routes that write reference data: after a successful write (a redirect or a
// page, not an error), this process forgets the tables at once and the others hear it.
export function referenceWrites(tables: readonly ReferenceTable[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return
    invalidateReference(tables)
    await c.get('deps').live.referenceChanged([...tables])
  }
}
