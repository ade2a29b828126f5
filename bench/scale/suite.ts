// The scale suite on one database: the data set, then reads, writes, the export job, the live
// fan-out (one process and two) and the 500-user mix, all over real HTTP against the real
// server in its own process, with a bare Hono "hello" measured in the same run as the floor.
import { runFanout, type FanoutResult } from '../fanout.ts'
import type { BenchDb } from '../lib/bench-db.ts'
import { startAppServer, startProcess } from '../lib/server-process.ts'
import { round } from '../lib/stats.ts'
import { runExport, type ExportResult } from './export.ts'
import { generateScale, type ScaleData } from './generate.ts'
import { runLoad, type LoadOptions, type LoadRow } from './load.ts'
import { runMix, type MixOptions, type MixResult } from './mix.ts'
import { readTargets, runReads } from './reads.ts'
import { scaleSessions } from './sessions.ts'
import { runWrites, type WriteResult } from './writes.ts'

export interface ScaleOptions {
  scale: number
  load: LoadOptions
  mix: MixOptions & { users: number }
  fanoutSetups: ('sqlite' | 'pg' | 'pg2')[]
  fanoutSockets: number
  fanoutRounds: number
}

export interface ScaleResult {
  db: string
  data: Omit<ScaleData, 'userIds'>
  reads: LoadRow[]
  writes: WriteResult[]
  export: ExportResult
  mix: MixResult
  fanout: FanoutResult[]
  serverLog: string[]
}

export const EXPORT_TARGET_S = 10 // not the issue's: a job a person waits for, within 10 s

export async function measureHello(load: LoadOptions): Promise<LoadRow> {
  const hello = await startProcess({
    entry: 'bench/hello-server.ts',
    env: {},
    readyPath: '/',
    name: 'hello',
  })
  try {
    const row = await runLoad(hello, 'hello (bare Hono)', '—', load, { path: '/' })
    return { ...row, ratioToHello: 1 }
  } finally {
    await hello.stop()
  }
}

export async function runScale(
  bench: BenchDb,
  opts: ScaleOptions,
  helloRps: number,
  log: (s: string) => void,
): Promise<ScaleResult> {
  log(`  generating the data set (scale ${opts.scale})…`)
  const data = await generateScale(bench, opts.scale, log)
  log(`  ${JSON.stringify(data.counts)} in ${data.seconds} s`)
  const s = await scaleSessions(bench.handle.db, data, bench.fixtures, opts.mix.users)
  const server = await startAppServer(`scale ${bench.kind} server`, bench.env)
  const ratio = <T extends LoadRow>(r: T): T => ({
    ...r,
    ratioToHello: round(r.requestsPerSecond / helloRps, 3),
  })
  try {
    log(`  reads (${opts.load.connections} connections, ${opts.load.seconds} s each)`)
    const reads = (
      await runReads(server, bench, await readTargets(bench, data, s), opts.load, log)
    ).map(ratio)
    log('  writes')
    const writes = (await runWrites(server, bench, data, s.director, opts.load, log)).map(ratio)
    log('  export')
    const exp = await runExport(server, bench.handle.db, s.director, data.busiestProjectId)
    log(`  export: ${exp.rows} rows in ${exp.seconds} s (${Math.round(exp.bytes / 1024)} KB)`)
    const serverLog = [...server.log]
    await server.stop()
    // The mix on a fresh process: its memory is the mix's, not what 50 connections hammering
    // one page at a time left in the heap.
    log(`  mix (${opts.mix.users} users, ${opts.mix.seconds} s)`)
    const mixServer = await startAppServer(`mix ${bench.kind} server`, bench.env)
    let mix: MixResult
    try {
      mix = await runMix(mixServer, bench, data, s, opts.mix, log)
      serverLog.push(...mixServer.log)
    } finally {
      await mixServer.stop()
    }
    const fanout: FanoutResult[] = []
    for (const setup of opts.fanoutSetups) {
      fanout.push(
        await runFanout(
          bench,
          setup,
          opts.fanoutSockets,
          { rounds: opts.fanoutRounds, warmupRounds: 3, roundTimeoutMs: 10_000 },
          log,
        ),
      )
    }
    const { userIds: _ids, ...rest } = data
    return { db: bench.kind, data: rest, reads, writes, export: exp, mix, fanout, serverLog }
  } catch (e) {
    // A server that died says why in its last lines.
    log(`  server log (last lines):\n${server.log.slice(-15).join('\n')}`)
    throw e
  } finally {
    await server.stop()
  }
}
