import type { SetupName } from '../fanout.ts'
import { SETUPS } from '../fanout.ts'

export type Part = 'fanout' | 'http'

export interface BenchArgs {
  parts: Part[]
  setups: SetupName[]
  sizes: number[]
  rounds: number
  seconds: number
  connections: number
  save: boolean
  markdown: boolean
}

export const USAGE = `npm run bench -- [fanout] [http] [options]
  parts (default: both)   fanout: sockets and pushed rows; http: hello vs /projects (autocannon)
  --setups=sqlite,pg,pg2  which fan-out setups (pg2 = two processes on one PostgreSQL)
  --sizes=100,500,1000    socket counts
  --rounds=30             measured edits per size
  --seconds=5             autocannon duration per HTTP target
  --connections=10        autocannon connections
  --quick                 sizes=100, rounds=5, seconds=2, and nothing saved
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
  }
  for (const arg of argv) {
    const [k, v = ''] = arg.split('=')
    if (k === 'fanout' || k === 'http') a.parts.push(k)
    else if (k === '--setups') {
      for (const s of list(v)) if (!(s in SETUPS)) throw new Error(`unknown setup ${s}\n${USAGE}`)
      a.setups = list(v) as SetupName[]
    } else if (k === '--sizes') a.sizes = list(v).map(positive)
    else if (k === '--rounds') a.rounds = positive(v)
    else if (k === '--seconds') a.seconds = positive(v)
    else if (k === '--connections') a.connections = positive(v)
    else if (k === '--quick') Object.assign(a, { sizes: [100], rounds: 5, seconds: 2, save: false })
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
