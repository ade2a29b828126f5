// `npm run bench [-- parts and options]`: the live fan-out benchmark and a small HTTP baseline;
// on request (`legacy`), the import of the desktop app's databases at a realistic size.
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

const log = (s: string) => console.log(s)
const args = parseArgs(process.argv.slice(2))
const started = Date.now()
const machine = machineInfo()

// Each database is prepared once and shared by the setups and the HTTP part that use it.
const dbs = new Map<DbKind, BenchDb>()
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
    for (const db of dbs.values()) await db.dispose().catch((e) => console.error(e))
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
  const needsPg =
    (args.parts.includes('fanout') && args.setups.some((s) => s !== 'sqlite')) ||
    args.parts.includes('http')
  if (needsPg) machine.postgres = await postgresVersion(await dbFor('postgres'))
  // The legacy part migrates databases of its own (in child processes): only the version here.
  else if (args.parts.includes('legacy') && args.legacyDbs.includes('postgres'))
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

  printReport(fanout, http, legacy, { markdown: args.markdown }, log)
  const seconds = Math.round((Date.now() - started) / 1000)
  log(`\ntotal ${seconds} s`)
  if (args.save) {
    const date = new Date().toISOString().slice(0, 10)
    const parts: Record<string, unknown> = { date }
    // machine and args at the top describe the fan-out and HTTP run of that day; a legacy-only
    // run keeps its own inside its part, so it does not overwrite theirs.
    if (fanout.length || http.length) Object.assign(parts, { machine, args })
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
