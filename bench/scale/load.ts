// autocannon runs of the scale suite: a read (the same URL again and again) or a write (every
// request built anew, each answer recorded), with one row of the report per run.
import autocannon from 'autocannon'
import type { ServerProcess } from '../lib/server-process.ts'
import { round } from '../lib/stats.ts'

export interface LoadRow {
  name: string
  path: string
  db: string
  connections: number
  seconds: number
  requests: number
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  latencyMaxMs: number
  non2xx: number // non-2xx and non-3xx: a write's 303 counts as success
  errors: number // connection errors and timeouts
  ratioToHello: number
  // The same connections held to a fixed overall rate: the latency people see at that load,
  // rather than the queue of a saturated closed loop (where p50 ≈ connections / throughput).
  paced?: Paced
  target?: { p99Ms: number; met: boolean; note?: string }
}

export interface Paced {
  rate: number
  requests: number
  latencyP50Ms: number
  latencyP99Ms: number
  latencyMaxMs: number
  errors: number // 4xx/5xx + connection errors
}

export interface LoadOptions {
  connections: number
  seconds: number
  warmupSeconds: number
  rate?: number // requests per second over all connections; none = as fast as answered
  pacedFirst?: boolean
}

export type Request = {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
}

export async function runLoad<R extends Request>(
  server: ServerProcess,
  name: string,
  db: string,
  opts: LoadOptions,
  req: R | (() => R),
  onAnswer?: (status: number, req: R) => void,
): Promise<LoadRow> {
  const make = typeof req === 'function' ? req : () => req
  const first = make()
  const run = (duration: number, record: boolean, rate?: number) =>
    autocannon({
      url: server.origin,
      connections: opts.connections,
      ...(rate ? { overallRate: rate } : {}),
      duration,
      timeout: 30,
      requests: [
        {
          method: (first.method ?? 'GET') as 'GET',
          path: first.path,
          setupRequest: (r, context) => {
            const x = make()
            ;(context as { req?: R }).req = x
            return {
              ...r,
              method: (x.method ?? 'GET') as 'GET',
              path: x.path,
              headers: x.headers ?? {},
              body: x.body,
            }
          },
          onResponse: (status, _body, context) => {
            if (record) onAnswer?.(status, (context as { req: R }).req)
          },
        },
      ],
    })
  if (opts.warmupSeconds > 0) await run(opts.warmupSeconds, false, opts.rate)
  // Writes pace first: a saturated run may use up the records a write needs (remarks still new).
  const early = opts.rate && opts.pacedFirst ? await run(opts.seconds, true, opts.rate) : null
  const r = await run(opts.seconds, true)
  const bad = r['4xx'] + r['5xx'] + r['1xx']
  let paced: Paced | undefined
  if (opts.rate) {
    const p = early ?? (await run(opts.seconds, true, opts.rate))
    paced = {
      rate: opts.rate,
      requests: p.requests.total,
      latencyP50Ms: p.latency.p50,
      latencyP99Ms: p.latency.p99,
      latencyMaxMs: p.latency.max,
      errors: p['4xx'] + p['5xx'] + p['1xx'] + p.errors,
    }
  }
  return {
    paced,
    name,
    path: first.path,
    db,
    connections: opts.connections,
    seconds: opts.seconds,
    requests: r.requests.total,
    requestsPerSecond: round(r.requests.average, 0),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMaxMs: r.latency.max,
    non2xx: bad,
    errors: r.errors, // timeouts included
    ratioToHello: NaN,
  }
}

// A target is judged on the paced run when there is one; any error or an empty run fails it.
export function meets(row: LoadRow, p99Ms: number) {
  const p = row.paced
  if (p) return p.requests > 0 && p.latencyP99Ms < p99Ms && !p.errors && !row.non2xx && !row.errors
  return row.requests > 0 && row.latencyP99Ms < p99Ms && !row.non2xx && !row.errors
}

export const describe = (r: LoadRow) =>
  `${r.requestsPerSecond} req/s, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms` +
  (r.paced
    ? `; at ${r.paced.rate}/s: p50 ${r.paced.latencyP50Ms} ms, p99 ${r.paced.latencyP99Ms} ms`
    : '')
