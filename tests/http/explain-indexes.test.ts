import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompiledQuery, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../support/app.ts'
import { BULK, seedBulk } from '../support/bulk-pg.ts'
import { PAGES } from '../support/main-pages.ts'
import { PageWorld } from '../support/page-world.ts'
import { capturingApp, type CapturedQuery } from '../support/query-capture.ts'

// Every query a main page runs, asked of PostgreSQL with EXPLAIN on tables of a real company's
// size after some years: none may read a big table from end to end (a Seq Scan), which is what
// a list without its index does, and what grows with every year of data.

const BIG = 10_000 // rows: a table at least this large must be reached through an index

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  Plans?: PlanNode[]
}

const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name']!] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
]

describe('the main pages’ queries on PostgreSQL with years of data', () => {
  let t: TestApp
  let w: PageWorld
  let dir: string
  let big: Set<string>
  const plans = new Map<string, { query: CapturedQuery; scans: string[] }[]>()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strod-explain-'))
    t = await testApp('postgres', { UPLOAD_DIR: dir })
    w = await PageWorld.create(t)
    await w.grow(3)
    await seedBulk(t.db.db)
    const sizes = await sql<{ relname: string; n: number }>`
      select relname, reltuples::int as n from pg_class
      where relnamespace = ${t.db.schema}::regnamespace and relkind = 'r'`.execute(t.db.db)
    big = new Set(sizes.rows.filter((r) => r.n >= BIG).map((r) => r.relname))
    const app = capturingApp(t, { UPLOAD_DIR: dir })
    for (const p of PAGES) {
      const path = await p.path(w)
      app.take()
      const r = await app.get(path, p.who(w).cookie)
      expect(r.status, `${p.name}: ${path}`).toBe(200)
      const found = []
      for (const query of app.take()) {
        if (!/^\s*(select|with|update|delete)\b/i.test(query.sql)) continue
        const explained = await t.db.db.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
        )
        // json comes back as text here (src/db/connect.ts keeps it as SQLite gives it)
        const [{ Plan }] = JSON.parse(explained.rows[0]['QUERY PLAN']) as [{ Plan: PlanNode }]
        const scans = seqScans(Plan).filter((s) => big.has(s))
        found.push({ query, scans })
      }
      plans.set(p.name, found)
    }
  }, 120_000)

  afterAll(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the seeded tables are big enough for the planner to prefer an index', () => {
    for (const table of [
      'documents',
      'document_movements',
      'remarks',
      'remark_events',
      'worklog_entries',
      'stock_batches',
      'stock_movements',
      'material_requests',
      'audit_log',
      'notifications',
      'work_sessions',
    ])
      expect(big, table).toContain(table)
    expect(BULK.worklog).toBeGreaterThanOrEqual(20_000)
  })

  it.each(PAGES.map((p) => [p.name]))('%s: no query reads a big table end to end', (name) => {
    const found = plans.get(name)!
    expect(found.length).toBeGreaterThan(0)
    const offending = found
      .filter((f) => f.scans.length)
      .map((f) => `Seq Scan on ${f.scans.join(', ')}: ${f.query.sql.replace(/\s+/g, ' ')}`)
    expect(offending).toEqual([])
  })
})
