// `npm run bench [-- parts and options]`: by default the scale suite (a realistic data set, then
// reads, writes, the export job, fan-out and the 500-user mix); on request the fan-out at several
// sizes, a small HTTP baseline, and the import of the desktop app's databases.
// Everything runs on this machine's loopback, bounded in count and time; see docs/BENCHMARKS.md.
import { runFanout, SETUPS, type FanoutResult } from './fanout.ts'
import { runHttp, type HttpResult } from './http.ts'
import { postgresServerVersion, runLegacy, stopLegacy, type LegacyResult } from './legacy.ts'
import { parseArgs } from './lib/args.ts'
import { openBenchDb, postgresVersion, type BenchDb, type DbKind } from './lib/bench-db.ts'
import { BUSY_LOAD, machineInfo } from './lib/machine.ts'
import { saveResults } from './lib/results.ts'
import { stopAllProcesses } from './lib/server-process.ts'
import { printReport, TARGET, targetVerdicts } from './report.ts'
import { printScale } from './scale/report.ts'
import { measureHello, runScale, type ScaleResult } from './scale/suite.ts'

const log = (s: string) => console.log(s)
const args = parseArgs(process.argv.slice(2))
const started = Date.now()
const machine = machineInfo()

// Each database is prepared once and shared by the setups and the HTTP part that use it.
const dbs = new Map<DbKind, BenchDb>()
const scaleDbs: BenchDb[] = []
async function dbFor(kind: DbKind) {
  let db = dbs.get(kind)
  if (!db) {
    log(`preparing ${kind} database (demo seed, extra projects, bench users and sessions)…`)
    db = await openBenchDb(kind)
    dbs.set(kind, db)
  }
  return db
}

let cleaning: Promise<void> | null = null
const cleanup = () =>
  (cleaning ??= (async () => {
    await stopAllProcesses()
    await stopLegacy()
    for (const db of [...dbs.values(), ...scaleDbs])
      await db.dispose().catch((e) => console.error(e))
  })())

// Ctrl-C must not leave servers running or a bench_* schema behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)))

function checkFileLimit(limit: string) {
  // The client holds every socket; a server holds its share. Plus files, the pool, stdio.
  const need = Math.max(...args.sizes) + 200
  if (limit !== 'unlimited' && Number(limit) < need)
    log(`warning: ulimit -n is ${limit}; ${need} needed: run \`ulimit -n 4096\` first`)
}

async function main() {
  const fanout: FanoutResult[] = []
  let http: HttpResult[] = []
  let legacy: LegacyResult | null = null
  const scale: ScaleResult[] = []
  const needsPg =
    (args.parts.includes('fanout') && args.setups.some((s) => s !== 'sqlite')) ||
    args.parts.includes('http')
  if (needsPg) machine.postgres = await postgresVersion(await dbFor('postgres'))
  // The legacy part migrates databases of its own (in child processes): only the version here.
  else if (
    (args.parts.includes('legacy') && args.legacyDbs.includes('postgres')) ||
    (args.parts.includes('scale') && args.scaleDbs.includes('postgres'))
  )
    machine.postgres = await postgresServerVersion()
  log(
    `machine: ${machine.nproc} cores (${machine.cpuModel}), ${machine.ramGiB} GiB, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres ?? '—'}, ulimit -n ${machine.openFilesLimit}`,
  )
  checkFileLimit(machine.openFilesLimit)
  if (machine.loadAverage1m > BUSY_LOAD)
    log(
      `warning: load average ${machine.loadAverage1m} before the run: something else is using ` +
        'the cores, the numbers will be worse than the code deserves',
    )

  let hello = null
  if (args.parts.includes('scale')) {
    const load = {
      connections: args.scaleConnections,
      seconds: args.scaleSeconds,
      warmupSeconds: 1,
      rate: args.scaleRate || undefined,
    }
    hello = await measureHello({ ...load, rate: undefined })
    log(`\nhello (bare Hono): ${hello.requestsPerSecond} req/s at ${load.connections} connections`)
    for (const kind of args.scaleDbs) {
      log(`\nscale, ${kind}`)
      // A database of its own: the suite's writes must not change what the other parts measure.
      const db = await openBenchDb(kind)
      scaleDbs.push(db)
      scale.push(
        await runScale(
          db,
          {
            scale: args.scale,
            load,
            mix: {
              users: args.mixUsers,
              seconds: args.mixSeconds,
              thinkMs: args.mixThinkMs,
              readShare: 0.8,
            },
            fanoutSetups: kind === 'postgres' ? ['pg', 'pg2'] : ['sqlite'],
            fanoutSockets: Math.max(...args.sizes),
            fanoutRounds: args.rounds,
          },
          hello.requestsPerSecond,
          log,
        ),
      )
      await db.dispose()
      scaleDbs.splice(scaleDbs.indexOf(db), 1)
    }
  }

  if (args.parts.includes('fanout')) {
    log('\nfan-out')
    for (const setup of args.setups) {
      const db = await dbFor(SETUPS[setup].db)
      for (const n of args.sizes)
        fanout.push(
          await runFanout(
            db,
            setup,
            n,
            { rounds: args.rounds, warmupRounds: 3, roundTimeoutMs: 10_000 },
            log,
          ),
        )
    }
  }
  if (args.parts.includes('http')) {
    log('\nHTTP')
    http = await runHttp([await dbFor('sqlite'), await dbFor('postgres')], args, log)
  }

  if (args.parts.includes('legacy')) {
    log('\nlegacy import')
    legacy = await runLegacy({ scale: args.legacyScale, dbs: args.legacyDbs }, log)
  }

  const verdicts = hello ? printScale(hello, scale, { markdown: args.markdown }, log) : []
  printReport(fanout, http, legacy, { markdown: args.markdown }, log)
  const seconds = Math.round((Date.now() - started) / 1000)
  log(`\ntotal ${seconds} s`)
  if (args.save) {
    const date = new Date().toISOString().slice(0, 10)
    const parts: Record<string, unknown> = { date }
    // machine and args at the top describe the fan-out and HTTP run of that day; a legacy-only
    // run keeps its own inside its part, so it does not overwrite theirs.
    if (fanout.length || http.length || scale.length) Object.assign(parts, { machine, args })
    if (scale.length) parts.scale = { hello, results: scale, verdicts }
    if (fanout.length)
      parts.fanout = { results: fanout, target: TARGET, verdicts: targetVerdicts(fanout) }
    if (http.length) parts.http = http
    if (legacy) parts.legacy = { machine, args, ...legacy }
    log(`results: ${saveResults(date, parts)}`)
  }
}

try {
  await main()
} catch (err) {
  // After Ctrl-C the stopped servers make the run fail: that is not news worth a stack trace.
  if (!cleaning) console.error(err)
  process.exitCode = 1
} finally {
  await cleanup()
}
