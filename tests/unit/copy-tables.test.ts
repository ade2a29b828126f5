import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson, isoTimestamp } from '../../src/system/checksums.ts'
import { readSchema, TABLES } from '../../src/system/copy-tables.ts'
import { DIALECTS, freshDb, type TestDb } from '../support/db.ts'

describe.each(DIALECTS)('the copy-data table list on %s', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await freshDb(dialect)
  })
  afterAll(() => t.drop())

  it('names every table of the migrations once, and no other', async () => {
    const names = TABLES.map((s) => s.name)
    expect(new Set(names).size).toBe(names.length)
    expect([...(await readSchema(t.db)).keys()].sort()).toEqual([...names].sort())
  })

  it('marks as seeded exactly the tables a fresh database already has rows in', async () => {
    const filled = []
    for (const { name } of TABLES) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.db)
      if (Number(r.rows[0].n) > 0) filled.push(name)
    }
    expect(filled).toEqual(TABLES.filter((s) => s.seeded).map((s) => s.name))
  })
})

describe('the copy-data table list against the SQLite schema', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await freshDb('sqlite')
  })
  afterAll(() => t.drop())

  it('puts every table after the tables its foreign keys point to', async () => {
    const position = new Map(TABLES.map((s, i) => [s.name as string, i]))
    const wrong: string[] = []
    for (const [i, spec] of TABLES.entries()) {
      const fks = await sql<{ table: string; from: string }>`
        select "table", "from" from pragma_foreign_key_list(${spec.name})`.execute(t.db)
      for (const fk of fks.rows) {
        const selfLater = fk.table === spec.name && spec.later?.includes(fk.from)
        if (!selfLater && !(position.get(fk.table)! < i))
          wrong.push(`${spec.name}.${fk.from} → ${fk.table}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('gives each table its own primary key, in key order', async () => {
    for (const spec of TABLES) {
      const cols = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${spec.name}) where pk > 0 order by pk`.execute(t.db)
      expect(
        cols.rows.map((c) => c.name),
        spec.name,
      ).toEqual(spec.pk)
    }
  })
})

describe('canonical values for checksums', () => {
  it('spells one instant one way, whichever database wrote it', () => {
    const iso = '2026-12-20T09:15:00.000Z'
    expect(isoTimestamp('2026-12-20 09:15:00')).toBe(iso)
    expect(isoTimestamp('2026-12-20T12:15:00+03:00')).toBe(iso)
    expect(isoTimestamp('2026-12-20 12:15:00+03')).toBe(iso)
    expect(isoTimestamp('2026-12-20')).toBe('2026-12-20T00:00:00.000Z')
    expect(isoTimestamp('вчера')).toBe('вчера')
  })

  it('writes equal JSON documents equally, whatever the key order and spacing', () => {
    expect(canonicalJson('{"b": [1, {"y": 2, "x": 1}], "a": null}')).toBe(
      '{"a":null,"b":[1,{"x":1,"y":2}]}',
    )
    expect(canonicalJson('not json')).toBe('not json')
  })
})
