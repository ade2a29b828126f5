import autocannon from 'autocannon'
import type { BenchDb } from './lib/bench-db.ts'
import { startAppServer, startProcess, type ServerProcess } from './lib/server-process.ts'
import { round } from './lib/stats.ts'

export interface HttpOptions {
  seconds: number
  connections: number
}

export interface HttpResult {
  name: string
  path: string
  connections: number
  seconds: number
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  non2xx: number
  errors: number
  ratioToHello: number
}

type Measured = Omit<HttpResult, 'name' | 'ratioToHello'>

async function measure(
  server: ServerProcess,
  path: string,
  headers: Record<string, string>,
  opts: HttpOptions,
): Promise<Measured> {
  const url = server.origin + path
  // A short unrecorded run first, so the JIT and caches are warm for the recorded one.
  await autocannon({ url, headers, connections: opts.connections, duration: 1 })
  const r = await autocannon({
    url,
    headers,
    connections: opts.connections,
    duration: opts.seconds,
  })
  return {
    path,
    connections: opts.connections,
    seconds: opts.seconds,
    requestsPerSecond: round(r.requests.average, 0),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  }
}

// A page that silently redirects to /login would look fast: check it really is the list.
async function assertListPage(server: ServerProcess, cookie: string) {
  const res = await fetch(`${server.origin}/projects`, { headers: { cookie }, redirect: 'manual' })
  const html = await res.text()
  if (res.status !== 200 || !html.includes('id="project-'))
    throw new Error(`/projects answered ${res.status} without project rows`)
}

export async function runHttp(
  dbs: BenchDb[],
  opts: HttpOptions,
  progress: (line: string) => void,
): Promise<HttpResult[]> {
  const results: HttpResult[] = []
  const hello = await startProcess({
    entry: 'bench/hello-server.ts',
    env: {},
    readyPath: '/',
    name: 'hello server',
  })
  let helloRps = NaN
  try {
    const m = await measure(hello, '/', {}, opts)
    helloRps = m.requestsPerSecond
    results.push({ name: 'hello (bare Hono)', ...m, ratioToHello: 1 })
    progress(`  hello: ${m.requestsPerSecond} req/s`)
  } finally {
    await hello.stop()
  }
  for (const db of dbs) {
    const server = await startAppServer(`http ${db.kind} server`, db.env)
    try {
      const cookie = db.fixtures.reader.cookie
      await assertListPage(server, cookie)
      const m = await measure(server, '/projects', { cookie }, opts)
      results.push({
        name: `/projects, director, ${db.kind}`,
        ...m,
        ratioToHello: round(m.requestsPerSecond / helloRps, 3),
      })
      progress(`  /projects on ${db.kind}: ${m.requestsPerSecond} req/s`)
    } finally {
      await server.stop()
    }
  }
  return results
}
