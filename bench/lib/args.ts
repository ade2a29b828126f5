import type { SetupName } from '../fanout.ts'
import { SETUPS } from '../fanout.ts'
import type { DbKind } from './bench-db.ts'

export type Part = 'fanout' | 'http' | 'legacy'

const PARTS: Part[] = ['fanout', 'http', 'legacy']
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
}

export const USAGE = `npm run bench -- [fanout] [http] [legacy] [options]
  parts (default: fanout http)  fanout: sockets and pushed rows; http: hello vs /projects
                          (autocannon); legacy: import of the desktop app's databases (~170 000
                          generated rows into SQLite and PostgreSQL, twice; only when named)
  --setups=sqlite,pg,pg2  which fan-out setups (pg2 = two processes on one PostgreSQL)
  --sizes=100,500,1000    socket counts
  --rounds=30             measured edits per size
  --seconds=5             autocannon duration per HTTP target
  --connections=10        autocannon connections
  --legacy-scale=1        legacy: every generated row count times this (0.1 = a tenth)
  --legacy-dbs=sqlite,postgres  legacy: which databases to import into
  --quick                 sizes=100, rounds=5, seconds=2, legacy-scale=0.05, nothing saved
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
    } else if (k === '--quick')
      Object.assign(a, { sizes: [100], rounds: 5, seconds: 2, legacyScale: 0.05, save: false })
    else if (k === '--no-save') a.save = false
    else if (k === '--markdown') a.markdown = true
    else throw new Error(`unknown argument ${arg}\n${USAGE}`)
  }
  if (!a.parts.length) a.parts = ['fanout', 'http']
  return a
}

function positive(v: string) {
  const n = Number(v)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${v}\n${USAGE}`)
  return n
}
