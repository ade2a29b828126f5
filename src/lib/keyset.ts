import { sql, type SelectQueryBuilder } from 'kysely'

// Keyset pagination cursors: the sort key of the last row seen, opaque to the user.
export function encodeCursor(values: (string | number | null)[]) {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined, length: number) {
  if (!cursor) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString())
    return Array.isArray(v) && v.length === length ? (v as (string | number | null)[]) : null
  } catch {
    return null
  }
}

export const PAGE_SIZE = 25

export interface KeysetSort {
  column: string // e.g. 'projects.name'; must be NOT NULL
  dir: 'asc' | 'desc'
  idColumn: string // the tie-breaker, e.g. 'projects.id'
}

// One page of a keyset-paginated query: rows after the cursor, in a stable order even while
// rows are being added. Fetches one extra row to know whether there is a next page.
export async function keysetPage<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  sort: KeysetSort,
  after: string | undefined,
  key: (row: O) => [string | number, number],
  limit = PAGE_SIZE,
): Promise<{ rows: O[]; next: string | null }> {
  const cursor = decodeCursor(after, 2)
  let q = qb
  if (cursor) {
    const op = sql.raw(sort.dir === 'asc' ? '>' : '<')
    q = q.where(
      sql<boolean>`(${sql.ref(sort.column)}, ${sql.ref(sort.idColumn)}) ${op} (${cursor[0]}, ${cursor[1]})`,
    )
  }
  const rows = await q
    .orderBy(sql.ref(sort.column), sort.dir)
    .orderBy(sql.ref(sort.idColumn), sort.dir)
    .limit(limit + 1)
    .execute()
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  return { rows: page, next: more ? encodeCursor(key(page[page.length - 1])) : null }
}
