// The pages people open all day, each checked once (status and a marker of real content, so a
// redirect to /login or an empty list cannot pass for speed), then loaded by autocannon.
import { encodeCursor } from '../../src/lib/keyset.ts'
import type { BenchDb } from '../lib/bench-db.ts'
import type { ServerProcess } from '../lib/server-process.ts'
import type { ScaleData } from './generate.ts'
import { describe, meets, runLoad, type LoadOptions, type LoadRow } from './load.ts'
import type { ScaleSessions } from './sessions.ts'

export interface ReadTarget {
  name: string
  path: string
  cookie: string
  fragment?: boolean // as htmx asks for the next page: the list alone
  expect: string // must be in the body
  p99Ms: number
  group?: 'worklog-first' | 'worklog-deep'
}

export const PAGE_P99_MS = 100
export const GPR_P99_MS = 150
export const DEEP_RATIO = 1.5

export async function readTargets(
  bench: BenchDb,
  data: ScaleData,
  s: ScaleSessions,
): Promise<ReadTarget[]> {
  const db = bench.handle.db
  const today = new Date().toISOString().slice(0, 10)
  const period = `from=2023-12-01&to=${today}`
  // A cursor 90 % of the way into three years of the work log (as "more" would build it).
  const total = (
    await db
      .selectFrom('worklog_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n
  const deep = await db
    .selectFrom('worklog_entries')
    .select(['work_date', 'id'])
    .where('deleted_at', 'is', null)
    .orderBy('work_date', 'desc')
    .orderBy('id', 'desc')
    .offset(Math.floor(Number(total) * 0.9))
    .limit(1)
    .executeTakeFirstOrThrow()
  const cursor = encodeCursor([deep.work_date, deep.id])
  const pm = s.member // a project manager: sees his projects through membership
  return [
    {
      name: 'projects list',
      path: '/projects',
      cookie: s.director,
      expect: 'id="project-',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'projects list (member)',
      path: '/projects',
      cookie: pm,
      expect: 'id="project-',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'documents: search',
      path: '/documents?q=' + encodeURIComponent('протокол испытаний'),
      cookie: s.director,
      expect: 'ИДБ-',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'remarks: open, high',
      path: '/remarks?status=open&priority=high',
      cookie: s.director,
      expect: 'Дефект разметки',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'remarks: open (member)',
      path: '/remarks?status=open',
      cookie: pm,
      expect: 'Дефект разметки',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'work log (this month)',
      path: '/worklog',
      cookie: s.director,
      expect: 'Журнал работ',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'work log, first page',
      path: `/worklog?${period}`,
      cookie: s.director,
      fragment: true,
      expect: '<tr',
      p99Ms: PAGE_P99_MS,
      group: 'worklog-first',
    },
    {
      name: 'work log, deep page',
      path: `/worklog?${period}&after=${cursor}`,
      cookie: s.director,
      fragment: true,
      expect: '<tr',
      p99Ms: PAGE_P99_MS,
      group: 'worklog-deep',
    },
    {
      name: 'ГПР month, busiest',
      path: `/gpr?project=${data.busiestProjectId}&month=${data.busiestMonth}`,
      cookie: s.director,
      expect: 'S-10001',
      p99Ms: GPR_P99_MS,
    },
    {
      name: 'ГПР month, all projects',
      path: `/gpr?month=${data.busiestMonth}`,
      cookie: s.director,
      expect: 'S-10001',
      p99Ms: GPR_P99_MS,
    },
    {
      name: 'dashboard (director)',
      path: '/',
      cookie: s.director,
      expect: 'Главная',
      p99Ms: PAGE_P99_MS,
    },
    {
      name: 'stock batches',
      path: '/stock/batches',
      cookie: s.director,
      expect: 'ПБ-',
      p99Ms: PAGE_P99_MS,
    },
  ]
}

const headersOf = (t: ReadTarget) => ({
  cookie: t.cookie,
  ...(t.fragment ? { 'hx-request': 'true' } : {}),
})

export async function checkRead(server: ServerProcess, t: ReadTarget) {
  const res = await fetch(server.origin + t.path, { headers: headersOf(t), redirect: 'manual' })
  const html = await res.text()
  if (res.status !== 200 || !html.includes(t.expect))
    throw new Error(`${t.name}: GET ${t.path} answered ${res.status} without «${t.expect}»`)
  return html.length
}

export async function runReads(
  server: ServerProcess,
  bench: BenchDb,
  targets: ReadTarget[],
  opts: LoadOptions,
  progress: (s: string) => void,
): Promise<LoadRow[]> {
  const rows: LoadRow[] = []
  for (const t of targets) {
    const bytes = await checkRead(server, t)
    const row = await runLoad(server, t.name, bench.kind, opts, {
      path: t.path,
      headers: headersOf(t),
    })
    row.target = { p99Ms: t.p99Ms, met: meets(row, t.p99Ms) }
    rows.push(row)
    progress(`  ${t.name}: ${describe(row)} (${Math.round(bytes / 1024)} KB)`)
  }
  // The deep page is judged against the first page of the same list.
  const first = rows[targets.findIndex((t) => t.group === 'worklog-first')]
  const deep = rows[targets.findIndex((t) => t.group === 'worklog-deep')]
  if (first && deep && deep.target) {
    // Judged at the paced rate (the saturated p50 is mostly queueing, the same for both).
    const p50 = (r: LoadRow) => r.paced?.latencyP50Ms ?? r.latencyP50Ms
    const ratio = p50(deep) / Math.max(1, p50(first))
    deep.target.note = `p50 ${ratio.toFixed(2)}× the first page (target ≤ ${DEEP_RATIO}×)`
    deep.target.met = deep.target.met && ratio <= DEEP_RATIO
  }
  return rows
}
