import { performance } from 'node:perf_hooks'
import type { BenchDb } from './lib/bench-db.ts'
import { benchProjectFields, type Fixtures } from './lib/fixtures.ts'
import { startAppServer, type Memory, type ServerProcess } from './lib/server-process.ts'
import { SocketPool } from './lib/socket-pool.ts'
import { round, sleep, summarize, type Summary } from './lib/stats.ts'

// One process on SQLite, one and two processes on one PostgreSQL schema.
export const SETUPS = {
  sqlite: { db: 'sqlite', processes: 1, label: 'SQLite, 1 process' },
  pg: { db: 'postgres', processes: 1, label: 'PostgreSQL, 1 process' },
  pg2: { db: 'postgres', processes: 2, label: 'PostgreSQL, 2 processes' },
} as const
export type SetupName = keyof typeof SETUPS

export interface FanoutOptions {
  rounds: number
  warmupRounds: number
  roundTimeoutMs: number
}

export interface FanoutResult {
  setup: SetupName
  label: string
  processes: number
  sockets: number
  openSeconds: number // time to open and subscribe every socket
  // Per process: before the sockets, and with every socket open and idle.
  memoryBefore: Memory[]
  memoryAfter: Memory[]
  kbPerSocket: number // RSS growth / sockets (noisy: a few MB either way, whatever the size)
  heapKbPerSocket: number // (JS heap + Buffers, after GC) growth / sockets: the steadier number
  // Milliseconds, per round, until the last/first socket had the row.
  lastFromResponse: Summary
  lastFromSend: Summary
  firstFromResponse: Summary
  firstFromSend: Summary
  post: Summary // the POST's own round trip
  samples: { lastFromSend: number[]; lastFromResponse: number[] } // every round, for the record
  incompleteRounds: number // rounds in which some socket never got the row before the timeout
  unexpectedCloses: number
  serverLog: string[] // warnings and errors the servers printed during this run
}

interface Sample {
  sent: number
  response: number
  first: number
  last: number
  complete: boolean
}

export async function runFanout(
  db: BenchDb,
  setup: SetupName,
  sockets: number,
  opts: FanoutOptions,
  progress: (line: string) => void,
): Promise<FanoutResult> {
  const { processes, label } = SETUPS[setup]
  // A fresh process for every size, so the memory before the sockets is a clean baseline.
  const servers: ServerProcess[] = []
  try {
    for (let i = 0; i < processes; i++)
      servers.push(await startAppServer(`${setup} server ${i + 1}`, db.env))
    const editor = new Editor(db.fixtures, servers)

    // Warm up: first page render, first socket, first fan-out compile and cache what they need,
    // which would otherwise count as "memory per socket" and as the first rounds' latency.
    for (const s of servers)
      await fetch(`${s.origin}/projects`, { headers: { cookie: db.fixtures.author.cookie } }).then(
        (r) => r.arrayBuffer(),
      )
    const warm = new SocketPool()
    await warm.open(targets(db.fixtures, servers), servers.length, db.fixtures.streamToken)
    for (let i = 0; i < 3; i++) await editor.round(warm, opts.roundTimeoutMs)
    await warm.closeAll()
    await sleep(500)
    const memoryBefore = await Promise.all(servers.map((s) => s.memory()))

    const pool = new SocketPool()
    const t0 = performance.now()
    await pool.open(targets(db.fixtures, servers), sockets, db.fixtures.streamToken)
    const openSeconds = (performance.now() - t0) / 1000
    await sleep(500) // let the last upgrades' async work finish before the snapshot
    const memoryAfter = await Promise.all(servers.map((s) => s.memory()))
    progress(`  ${label}: ${sockets} sockets open in ${openSeconds.toFixed(1)} s`)

    for (let i = 0; i < opts.warmupRounds; i++) await editor.round(pool, opts.roundTimeoutMs)
    const samples: Sample[] = []
    for (let i = 0; i < opts.rounds; i++) {
      samples.push(await editor.round(pool, opts.roundTimeoutMs))
      await sleep(50) // the server also publishes the project card: let it finish first
    }
    await pool.closeAll()

    const ok = samples.filter((s) => s.complete)
    const perSocket = (pick: (m: Memory) => number) =>
      round((sum(memoryAfter.map(pick)) - sum(memoryBefore.map(pick))) / sockets, 1)
    return {
      setup,
      label,
      processes,
      sockets,
      openSeconds: round(openSeconds, 2),
      memoryBefore,
      memoryAfter,
      kbPerSocket: perSocket((m) => m.rssKb),
      heapKbPerSocket: perSocket((m) => m.heapUsedKb + m.externalKb),
      lastFromResponse: summarize(ok.map((s) => s.last - s.response)),
      lastFromSend: summarize(ok.map((s) => s.last - s.sent)),
      firstFromResponse: summarize(ok.map((s) => s.first - s.response)),
      firstFromSend: summarize(ok.map((s) => s.first - s.sent)),
      post: summarize(samples.map((s) => s.response - s.sent)),
      samples: {
        lastFromSend: ok.map((s) => round(s.last - s.sent)),
        lastFromResponse: ok.map((s) => round(s.last - s.response)),
      },
      incompleteRounds: samples.length - ok.length,
      unexpectedCloses: pool.unexpectedCloses,
      serverLog: servers.flatMap((s) => s.log),
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

// Sockets are spread round-robin over the processes and over the users' sessions.
function targets(f: Fixtures, servers: ServerProcess[]) {
  const list = []
  for (let i = 0; i < servers.length * f.viewers.length; i++) {
    const s = servers[i % servers.length]
    const viewer = f.viewers[Math.floor(i / servers.length) % f.viewers.length]
    list.push({ port: s.port, origin: s.origin, cookie: viewer.cookie })
  }
  return list
}

// Edits the bench projects in turn through HTTP, as a person saving the edit form would.
class Editor {
  private n = 0
  private readonly runTag = Date.now().toString(36)

  constructor(
    private f: Fixtures,
    private servers: ServerProcess[],
  ) {}

  async round(pool: SocketPool, timeoutMs: number): Promise<Sample> {
    const k = this.n++
    const project = this.f.projects[k % this.f.projects.length]
    // With two processes the edit goes to each in turn: half the rounds cross the bus to reach
    // the sockets of the other process, half start on the sockets' own process too.
    const server = this.servers[k % this.servers.length]
    // The new short name appears in the pushed row: it tells this round's row from an older one.
    const marker = `Bench ${this.runTag}-${k}`
    const { arrived } = pool.expect([`id="project-${project.id}"`, marker], timeoutMs)
    const body = new URLSearchParams({
      ...benchProjectFields(project.code, marker, k % 2 ? 'active' : 'suspended'),
      version: String(project.version),
    })
    const sent = performance.now()
    const res = await fetch(`${server.origin}/projects/${project.id}`, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { cookie: this.f.author.cookie, origin: server.origin },
    })
    const response = performance.now()
    await res.arrayBuffer()
    // Anything but the redirect after a save (a 409, a 422) means the benchmark is broken.
    if (res.status !== 303) throw new Error(`POST /projects/${project.id} answered ${res.status}`)
    project.version++
    const times = await arrived
    return {
      sent,
      response,
      first: times.length ? Math.min(...times) : NaN,
      last: times.length ? Math.max(...times) : NaN,
      complete: times.length === pool.size,
    }
  }
}
