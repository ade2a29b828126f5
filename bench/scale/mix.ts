// The 500-user mix: every simulated person holds the socket of the page he has open (as the
// htmx ws extension opens it) and, after a think time, opens a page (80 %) or saves something
// his role may save (20 %). Counted: errors (anything but the expected 200 / 303, or no answer),
// lost updates (an acknowledged save not found afterwards), and concurrent edits of one remark
// that must end in one save and one 409 conflict, never two saves. The server's RSS is sampled
// from /proc throughout.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { Role } from '../../src/auth/roles.ts'
import type { BenchDb } from '../lib/bench-db.ts'
import type { ServerProcess } from '../lib/server-process.ts'
import { percentile, round, sleep } from '../lib/stats.ts'
import type { ScaleData } from './generate.ts'
import { openPageSocket, wsUrlOf, type PageSocket } from './page-socket.ts'
import type { MixUser, ScaleSessions } from './sessions.ts'
import {
  missingWrites,
  postHeaders,
  WriteMaker,
  writePools,
  type Write,
  type WriteKind,
} from './writes.ts'

export interface MixOptions {
  seconds: number
  thinkMs: [number, number] // uniform think time between a person's actions
  readShare: number
}

export const MIX_RSS_MB = 300

export interface MixResult {
  users: number
  seconds: number
  thinkMs: [number, number]
  socketsOpen: number
  socketsOpenSeconds: number
  requests: number
  requestsPerSecond: number
  reads: { n: number; p50: number; p99: number }
  writes: { n: number; p50: number; p99: number; byKind: Record<string, number> }
  errors: number
  errorSamples: string[]
  acknowledgedWrites: number
  lostUpdates: number
  conflictProbes: { pairs: number; conflicts: number; silentOverwrites: number; other: string[] }
  pushesReceived: number
  unexpectedCloses: number
  rssMb: { start: number; peak: number; mean: number; samples: number }
  met: boolean
}

const WRITES_OF: Partial<Record<Role, WriteKind[]>> = {
  project_manager: ['worklog', 'shipment', 'remark'],
  site_chief: ['worklog', 'remark'],
  pto_engineer: ['shipment', 'remark'],
  foreman: ['worklog', 'remark'],
}

const rssMbOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

export async function runMix(
  server: ServerProcess,
  bench: BenchDb,
  data: ScaleData,
  s: ScaleSessions,
  opts: MixOptions,
  progress: (s: string) => void,
): Promise<MixResult> {
  const db = bench.handle.db
  const busy = data.busiestProjectId
  const pages = [
    '/projects',
    `/projects/${busy}`,
    `/projects/${busy}/worklog`,
    '/worklog',
    '/documents',
    '/documents?q=' + encodeURIComponent('акт приемки'),
    `/documents?project=${busy}`,
    '/remarks?status=open',
    `/remarks?project=${busy}`,
    `/gpr?project=${busy}&month=${data.busiestMonth}`,
    '/',
  ]
  // Only pages each role may open count: checked once per role before the run.
  const readable = new Map<Role, string[]>()
  for (const u of s.mix)
    if (!readable.has(u.role)) {
      const ok: string[] = []
      for (const p of pages) {
        const r = await fetch(server.origin + p, {
          headers: { cookie: u.cookie },
          redirect: 'manual',
        })
        await r.arrayBuffer()
        if (r.status === 200) ok.push(p)
      }
      readable.set(u.role, ok)
    }

  // RSS from before the sockets until the end.
  const rss: number[] = []
  const startRss = rssMbOf(server.pid)
  const sampler = setInterval(() => rss.push(rssMbOf(server.pid)), 500)

  // Sockets: each user's page of the moment, opened 25 at a time.
  const t0 = performance.now()
  const sockets: PageSocket[] = []
  let next = 0
  const urls = new Map<string, string>()
  await Promise.all(
    Array.from({ length: 25 }, async () => {
      while (next < s.mix.length) {
        const u = s.mix[next++]
        const list = readable.get(u.role)!
        const page = list[next % list.length]
        const key = `${u.cookie} ${page}`
        const url = urls.get(key) ?? (await wsUrlOf(server, u.cookie, page))
        urls.set(key, url)
        sockets.push(await openPageSocket(server, u.cookie, url))
      }
    }),
  )
  const socketsOpenSeconds = (performance.now() - t0) / 1000
  const refused = sockets.filter((x) => x.refused).length
  if (refused) throw new Error(`${refused} sockets had streams refused`)
  progress(`  mix: ${sockets.length} sockets open in ${socketsOpenSeconds.toFixed(1)} s`)

  const maker = await WriteMaker.create(
    db,
    `m${Date.now().toString(36)}`,
    data,
    await writePools(db, busy, true, 1),
  )
  const readMs: number[] = []
  const writeMs: number[] = []
  const byKind: Record<string, number> = {}
  const acked: Write[] = []
  const errorSamples: string[] = []
  let errors = 0
  const fail = (what: string) => {
    errors++
    if (errorSamples.length < 20) errorSamples.push(what)
  }
  const end = performance.now() + opts.seconds * 1000
  const think = () => opts.thinkMs[0] + Math.random() * (opts.thinkMs[1] - opts.thinkMs[0])

  const person = async (u: MixUser, k: number) => {
    await sleep(Math.random() * opts.thinkMs[1]) // not all at once
    const kinds = WRITES_OF[u.role] ?? []
    const list = readable.get(u.role)!
    let n = k
    while (performance.now() < end) {
      n++
      let w: Write | null = null
      if (Math.random() >= opts.readShare)
        for (let j = 0; j < kinds.length && !w; j++) w = maker.next(kinds[(n + j) % kinds.length])
      const read = !w // a person with nothing left to save reads instead
      const t = performance.now()
      try {
        if (read) {
          const path = list[n % list.length]
          const r = await fetch(server.origin + path, {
            headers: { cookie: u.cookie },
            redirect: 'manual',
          })
          await r.arrayBuffer()
          readMs.push(performance.now() - t)
          if (r.status !== 200) fail(`GET ${path}: ${r.status}`)
        } else if (w) {
          const r = await fetch(server.origin + w.path, {
            method: 'POST',
            body: w.body,
            headers: postHeaders(server, u.cookie),
            redirect: 'manual',
          })
          const text = await r.text()
          writeMs.push(performance.now() - t)
          byKind[w.kind] = (byKind[w.kind] ?? 0) + 1
          if (r.status === 303) acked.push(w)
          else fail(`POST ${w.path}: ${r.status} ${text.slice(0, 120).replace(/\s+/g, ' ')}`)
        }
      } catch (e) {
        fail(`${read ? 'read' : 'write'}: ${(e as Error).message}`)
      }
      await sleep(think())
    }
  }
  const probes = conflictProbes(server, bench, data, s, end)
  await Promise.all(s.mix.map((u, k) => person(u, k)))
  const conflictProbesResult = await probes
  const wall = opts.seconds
  await sleep(1000) // the last pushes
  clearInterval(sampler)
  for (const x of sockets) x.close()

  const lost = await missingWrites(db, acked)
  const pct = (xs: number[], p: number) => round(percentile(xs, p))
  const peak = Math.max(startRss, ...rss)
  const r: MixResult = {
    users: s.mix.length,
    seconds: wall,
    thinkMs: opts.thinkMs,
    socketsOpen: sockets.length,
    socketsOpenSeconds: round(socketsOpenSeconds),
    requests: readMs.length + writeMs.length,
    requestsPerSecond: round((readMs.length + writeMs.length) / wall, 0),
    reads: { n: readMs.length, p50: pct(readMs, 50), p99: pct(readMs, 99) },
    writes: { n: writeMs.length, p50: pct(writeMs, 50), p99: pct(writeMs, 99), byKind },
    errors,
    errorSamples,
    acknowledgedWrites: acked.length,
    lostUpdates: lost.length,
    conflictProbes: conflictProbesResult,
    pushesReceived: sockets.reduce((a, x) => a + x.messages, 0),
    unexpectedCloses: sockets.filter((x) => x.unexpectedClose).length,
    rssMb: {
      start: round(startRss),
      peak: round(peak),
      mean: round(rss.reduce((a, b) => a + b, 0) / Math.max(1, rss.length)),
      samples: rss.length,
    },
    met: false,
  }
  r.met =
    !r.errors &&
    !r.lostUpdates &&
    !r.conflictProbes.silentOverwrites &&
    !r.conflictProbes.other.length &&
    !r.unexpectedCloses &&
    r.rssMb.peak < MIX_RSS_MB
  progress(
    `  mix: ${r.requests} requests (${r.requestsPerSecond}/s), reads p99 ${r.reads.p99} ms, writes p99 ` +
      `${r.writes.p99} ms, ${r.errors} errors, ${r.acknowledgedWrites} saves, ${r.lostUpdates} lost, ` +
      `${r.conflictProbes.conflicts}/${r.conflictProbes.pairs} conflicts, RSS peak ${r.rssMb.peak} MB`,
  )
  return r
}

// Two people save the same remark from the same version at the same moment, every two seconds.
async function conflictProbes(
  server: ServerProcess,
  bench: BenchDb,
  data: ScaleData,
  s: ScaleSessions,
  end: number,
) {
  const db = bench.handle.db
  const out = { pairs: 0, conflicts: 0, silentOverwrites: 0, other: [] as string[] }
  const remarks = await db
    .selectFrom('remarks')
    .select('id')
    .where('project_id', '=', data.busiestProjectId)
    .where('status', '=', 'verified')
    .orderBy('id')
    .limit(200)
    .execute()
  let k = 0
  while (performance.now() < end - 2000 && k < remarks.length) {
    await sleep(2000)
    const id = remarks[k++].id
    const r = await db
      .selectFrom('remarks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const post = (cookie: string, who: string) =>
      fetch(`${server.origin}/remarks/${id}`, {
        method: 'POST',
        body: new URLSearchParams({
          title: `${r.title} (${who})`,
          description: r.description ?? '',
          location: r.location ?? '',
          priority: r.priority,
          assignee_id: r.assignee_id ? String(r.assignee_id) : '',
          deadline: r.deadline ?? '',
          version: String(r.version),
        }).toString(),
        headers: postHeaders(server, cookie),
        redirect: 'manual',
      }).then(async (res) => (await res.arrayBuffer(), res.status))
    const [a, b] = await Promise.all([post(s.director, 'A'), post(s.author, 'B')])
    out.pairs++
    const statuses = [a, b].sort().join('+')
    if (statuses === '303+409') {
      out.conflicts++
      // The record holds the saved one's text, and one version later.
      const after = await db
        .selectFrom('remarks')
        .select(['title', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const winner = a === 303 ? 'A' : 'B'
      if (after.title !== `${r.title} (${winner})` || after.version !== r.version + 1)
        out.other.push(`remark ${id}: holds «${after.title}» v${after.version} after ${winner} won`)
    } else if (statuses === '303+303') out.silentOverwrites++
    else out.other.push(`remark ${id}: ${statuses}`)
  }
  return out
}
