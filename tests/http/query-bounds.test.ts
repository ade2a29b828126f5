import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../support/app.ts'
import { DIALECTS } from '../support/db.ts'
import { PageWorld } from '../support/page-world.ts'
import { PAGES } from '../support/main-pages.ts'

// Every main page runs a fixed number of SQL queries however many rows it shows: each page is
// counted with a few rows of every kind, again after many more, and the two counts must be
// equal (an N+1 makes the second larger) and within the page's stated bound.

const SMALL = 2
const MORE = 28 // past a page of 25 rows, so every list also has a next page

describe.each(DIALECTS)('queries per main page on %s', (dialect) => {
  let t: TestApp
  let w: PageWorld
  let dir: string
  const small = new Map<string, { queries: number; bytes: number }>()
  const large = new Map<string, { queries: number; bytes: number }>()

  // Each page twice: reference data cached in process is loaded by whichever request comes
  // first after a change, so the second request is the page's steady count.
  async function measure(into: typeof small) {
    for (const p of PAGES) {
      const path = await p.path(w)
      await t.get(path, p.who(w).cookie)
      t.takeQueryCount()
      const r = await t.get(path, p.who(w).cookie)
      const queries = t.takeQueryCount()
      expect(r.status, `${p.name}: ${path}`).toBe(200)
      into.set(p.name, { queries, bytes: (await r.text()).length })
    }
    if (process.env.QUERY_BOUNDS_PRINT)
      console.log(dialect, [...into].map(([k, v]) => `${k}: ${v.queries}`).join(', '))
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strod-bounds-'))
    t = await testApp(dialect, { UPLOAD_DIR: dir })
    w = await PageWorld.create(t)
    await w.grow(SMALL)
    await measure(small)
    await w.grow(MORE)
    await measure(large)
    console.log(
      dialect,
      JSON.stringify(
        [...small].map(([k, v]) => [
          k,
          v.queries,
          large.get(k)?.queries,
          v.bytes,
          large.get(k)?.bytes,
        ]),
      ),
    )
  }, 240_000)

  afterAll(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(PAGES.map((p) => [p.name, p] as const))(
    '%s: the same number of queries with many more rows, within its bound',
    (name, p) => {
      const before = small.get(name)!
      const after = large.get(name)!
      // The rows reached the page (it grew), yet the page asked no more of the database.
      expect(after.bytes, 'the page shows the added rows').toBeGreaterThan(before.bytes)
      expect({ name, queries: after.queries }).toEqual({ name, queries: before.queries })
      expect(after.queries).toBeLessThanOrEqual(p.bound)
    },
  )
})
