import type { SetupName } from '../fanout.ts'
import { SETUPS } from '../fanout.ts'
import type { DbKind } from './bench-db.ts'

export type Part = 'scale' | 'fanout' | 'http' | 'legacy'

const PARTS: Part[] = ['scale', 'fanout', 'http', 'legacy']
const LEGACY_DBS: DbKind[] = ['sqlite', 'postgres']

export interface BenchArgs {
  parts: Part[]
  setups: SetupName[]
  sizes: number[]
  rounds: number
  seconds: number
  connections: number
  save: boolean
  markdown: boolean
  legacyScale: number
  legacyDbs: DbKind[]
  scale: number
  scaleDbs: DbKind[]
  scaleConnections: number
  scaleSeconds: number
  mixUsers: number
  mixSeconds: number
  mixThinkMs: [number, number]
  scaleRate: number
}

export const USAGE = `npm run bench -- [scale] [fanout] [http] [legacy] [options]
  parts (default: scale)  scale: the realistic data set (500 000 work-log lines …), then reads,
                          writes, the export job, fan-out to 1000 sockets and the 500-user mix;
                          fanout: sockets and pushed rows at 100/500/1000 on the small data set;
                          http: hello vs /projects (autocannon); legacy: import of the desktop
                          app's databases (~170 000 generated rows, twice; only when named)
  --scale=1               scale: every generated row count times this (0.05 = a twentieth)
  --dbs=postgres,sqlite   scale: which databases
  --scale-connections=50  scale: autocannon connections for reads and writes
  --scale-seconds=8       scale: autocannon duration per read or write (saturated, then paced)
  --mix-users=500         scale: simulated users in the mix
  --mix-seconds=60        scale: duration of the mix
  --mix-think=5000-25000  scale: a person's pause between two actions, ms (uniform)
  --rate=50               scale: the paced run's requests per second over all connections,
                          on which the p99 targets are judged (0 = saturated run only)
  --setups=sqlite,pg,pg2  which fan-out setups (pg2 = two processes on one PostgreSQL)
  --sizes=100,500,1000    socket counts
  --rounds=30             measured edits per size
  --seconds=5             autocannon duration per HTTP target
  --connections=10        autocannon connections
  --legacy-scale=1        legacy: every generated row count times this (0.1 = a tenth)
  --legacy-dbs=sqlite,postgres  legacy: which databases to import into
  --quick                 a smoke run, nothing saved: scale=0.05, 3 s per read or write, a mix of
                          100 users for 10 s, 100 sockets; sizes=100, rounds=5, seconds=2,
                          legacy-scale=0.05
  --no-save               print only; do not write bench/results/<date>.json
  --markdown              also print the tables as Markdown (for docs/BENCHMARKS.md)`

const list = (v: string) => v.split(',').filter(Boolean)

export function parseArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = {
    parts: [],
    setups: ['sqlite', 'pg', 'pg2'],
    sizes: [100, 500, 1000],
    rounds: 30,
    seconds: 5,
    connections: 10,
    save: true,
    markdown: false,
    legacyScale: 1,
    legacyDbs: LEGACY_DBS,
    scale: 1,
    scaleDbs: ['postgres', 'sqlite'],
    scaleConnections: 50,
    scaleSeconds: 8,
    mixUsers: 500,
    mixSeconds: 60,
    mixThinkMs: [5000, 25000],
    scaleRate: 50,
  }
  for (const arg of argv) {
    const [k, v = ''] = arg.split('=')
    if ((PARTS as string[]).includes(k)) a.parts.push(k as Part)
    else if (k === '--setups') {
      for (const s of list(v)) if (!(s in SETUPS)) throw new Error(`unknown setup ${s}\n${USAGE}`)
      a.setups = list(v) as SetupName[]
    } else if (k === '--sizes') a.sizes = list(v).map(positive)
    else if (k === '--rounds') a.rounds = positive(v)
    else if (k === '--seconds') a.seconds = positive(v)
    else if (k === '--connections') a.connections = positive(v)
    else if (k === '--legacy-scale') {
      a.legacyScale = Number(v)
      if (!(a.legacyScale > 0 && a.legacyScale <= 10))
        throw new Error(`--legacy-scale must be in (0, 10]: ${v}\n${USAGE}`)
    } else if (k === '--legacy-dbs') {
      for (const d of list(v))
        if (!(LEGACY_DBS as string[]).includes(d))
          throw new Error(`unknown database ${d}\n${USAGE}`)
      a.legacyDbs = list(v) as DbKind[]
    } else if (k === '--scale') {
      a.scale = Number(v)
      if (!(a.scale > 0 && a.scale <= 10))
        throw new Error(`--scale must be in (0, 10]: ${v}\n${USAGE}`)
    } else if (k === '--dbs') {
      for (const d of list(v))
        if (!(LEGACY_DBS as string[]).includes(d))
          throw new Error(`unknown database ${d}\n${USAGE}`)
      a.scaleDbs = list(v) as DbKind[]
    } else if (k === '--scale-connections') a.scaleConnections = positive(v)
    else if (k === '--scale-seconds') a.scaleSeconds = positive(v)
    else if (k === '--mix-users') a.mixUsers = positive(v)
    else if (k === '--mix-seconds') a.mixSeconds = positive(v)
    else if (k === '--mix-think') {
      const [lo, hi] = v.split('-').map(positive)
      if (!(hi >= lo)) throw new Error(`--mix-think wants lo-hi in ms: ${v}\n${USAGE}`)
      a.mixThinkMs = [lo, hi]
    } else if (k === '--rate') a.scaleRate = v === '0' ? 0 : positive(v)
    else if (k === '--quick')
      Object.assign(a, {
        sizes: [100],
        rounds: 5,
        seconds: 2,
        legacyScale: 0.05,
        save: false,
        scale: 0.05,
        scaleSeconds: 3,
        mixUsers: 100,
        mixSeconds: 10,
        mixThinkMs: [1000, 4000],
      })
    else if (k === '--no-save') a.save = false
    else if (k === '--markdown') a.markdown = true
    else throw new Error(`unknown argument ${arg}\n${USAGE}`)
  }
  if (!a.parts.length) a.parts = ['scale']
  return a
}

function positive(v: string) {
  const n = Number(v)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${v}\n${USAGE}`)
  return n
}
