// `npm run bench -- legacy`: the import of the desktop app's databases (src/legacy/import.ts) at
// a realistic size. The legacy files are generated once (bench/lib/legacy-gen.ts), then each
// database gets a child process of its own — freshly migrated SQLite file or PostgreSQL schema,
// the import, and the same import again (idempotent: it must import nothing) — so the peak RSS
// is the import's process alone. See docs/BENCHMARKS.md, «Импорт из прежней программы».
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openDb } from '../src/db/connect.ts'
import { migrate } from '../src/db/migrate.ts'
import { importLegacy, type ImportReport } from '../src/legacy/import.ts'
import { PG_URL, type DbKind } from './lib/bench-db.ts'
import { generateLegacy, scaleOf, type LegacyFiles } from './lib/legacy-gen.ts'
import { REPO_ROOT } from './lib/server-process.ts'

export const BCRYPT_COST = 4

export interface LegacyStep {
  table: string // a legacy table of the report ('main.gpr_records' …)
  seconds: number // time from the previous progress report to this table's rows
}

export interface LegacyRun {
  seconds: number
  // CPU time of the importing Node process alone (user + system); PostgreSQL's own is not in it.
  // Less moved than the wall time by other work on the cores, so compare runs by it too.
  cpuSeconds: number
  rowsRead: number // every legacy row the import read, the daily_data day lines included
  imported: number
  merged: number
  skipped: number
  unaccounted: number // read − (imported + merged + skipped): must be 0
  afterLastRowSeconds: number // the audit entry, the legacy_imports row and the commit
  steps: LegacyStep[]
}

export interface LegacyDbResult {
  db: DbKind
  label: string
  migrateSeconds: number
  rssBeforeMb: number // RSS of the child once migrated, before the import
  first: LegacyRun
  rowsPerSecond: number
  peakRssMb: number // the child's peak RSS through the first import
  second: LegacyRun
  peakRssMbAfterSecond: number
  records: Record<string, number> // rows of some of the app's tables after the first run
}

export interface LegacyResult {
  scale: number
  bcryptCost: number
  generated: Omit<LegacyFiles, 'main' | 'pto'>
  results: LegacyDbResult[]
}

const RESULT_PREFIX = 'bench-legacy-result '
const CHILD_FLAG = '--legacy-child'
const LABELS: Record<DbKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }
const ACTOR = { userId: null, ip: 'bench', requestId: null }
// The tables the import writes most into, counted after the first run.
const RECORD_TABLES = [
  'users',
  'projects',
  'worklog_entries',
  'documents',
  'document_movements',
  'remarks',
  'remark_events',
  'material_requests',
  'work_sessions',
  'legacy_keys',
  'audit_log',
]

// Whatever must go if the run is interrupted: the child, the PostgreSQL schema, the temp files.
const pending = new Set<() => Promise<void>>()
export async function stopLegacy() {
  for (const f of [...pending]) await f().catch((e) => console.error(e))
}

export async function postgresServerVersion(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    return (await c.query<{ server_version: string }>('show server_version')).rows[0].server_version
  } finally {
    await c.end()
  }
}

async function dropSchema(schema: string) {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    await c.query(`drop schema if exists "${schema}" cascade`)
  } finally {
    await c.end()
  }
}

export async function runLegacy(
  opts: { scale: number; dbs: DbKind[] },
  log: (s: string) => void,
): Promise<LegacyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'strod-bench-legacy-'))
  const removeDir = async () => {
    rmSync(dir, { recursive: true, force: true })
    pending.delete(removeDir)
  }
  pending.add(removeDir)
  try {
    log(`generating the legacy files (scale ${opts.scale}, bcryptjs cost ${BCRYPT_COST})…`)
    const { main, pto, ...generated } = generateLegacy(dir, scaleOf(opts.scale))
    log(
      `  ${generated.total} rows (${generated.rows['main.gpr_records.daily_data']} of them ` +
        `daily_data days) in ${generated.seconds} s; main ${mb(generated.bytes.main)} MB, ` +
        `pto ${mb(generated.bytes.pto)} MB`,
    )
    const results: LegacyDbResult[] = []
    for (const db of opts.dbs) results.push(await runChild(db, { main, pto, dir }, log))
    return { scale: opts.scale, bcryptCost: BCRYPT_COST, generated, results }
  } finally {
    await removeDir()
  }
}

async function runChild(
  db: DbKind,
  files: { main: string; pto: string; dir: string },
  log: (s: string) => void,
): Promise<LegacyDbResult> {
  const schema = db === 'postgres' ? `bench_legacy_${Date.now()}` : null
  const args = JSON.stringify({ db, ...files, schema })
  log(`\n${LABELS[db]}: migrate, import, import again`)
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/legacy.ts', CHILD_FLAG, args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await gone
    }
    // The killed child's connection is gone, so its transaction is rolled back: drop the rest.
    if (schema) await dropSchema(schema)
    pending.delete(stop)
  }
  pending.add(stop)
  try {
    return await childResult(child, log)
  } finally {
    await stop()
  }
}

function childResult(child: ChildProcess, log: (s: string) => void) {
  return new Promise<LegacyDbResult>((resolve, reject) => {
    let result: LegacyDbResult | null = null
    const stderr: string[] = []
    let rest = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n')
      rest = parts.pop() ?? ''
      for (const line of parts)
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length))
        else if (line.trim()) log(`  ${line}`)
    })
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')))
    child.once('exit', (code, signal) => {
      if (result && code === 0) resolve(result)
      else
        reject(new Error(`legacy import child exited with ${signal ?? code}:\n${stderr.join('')}`))
    })
  })
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20)
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
// process.resourceUsage().maxRSS is in kilobytes on Linux.
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 0)

// ---- the child: one database, two imports ----

async function child(a: { db: DbKind; main: string; pto: string; dir: string; schema: string }) {
  const say = (s: string) => console.log(s)
  const handle =
    a.db === 'sqlite'
      ? openDb(`file:${join(a.dir, 'import.db')}`)
      : openDb(PG_URL, { schema: a.schema, poolSize: 2 })
  try {
    const t = performance.now()
    await migrate(handle.db, a.db === 'postgres' ? a.schema : undefined)
    const migrateSeconds = round((performance.now() - t) / 1000)
    const rssBeforeMb = round(process.memoryUsage().rss / 2 ** 20, 0)

    const once = async (name: string): Promise<LegacyRun> => {
      const steps = new Map<string, number>()
      let last = performance.now()
      let nextNote = 0.25
      const started = last
      const cpu = process.cpuUsage()
      const report: ImportReport = await importLegacy(handle.db, {
        main: a.main,
        pto: a.pto,
        actor: ACTOR,
        onProgress: (done, total, table) => {
          const now = performance.now()
          steps.set(table, (steps.get(table) ?? 0) + now - last)
          last = now
          if (done / total >= nextNote) {
            say(
              `${name}: ${Math.round((done / total) * 100)}% (${table}), ${round((now - started) / 1000, 1)} s`,
            )
            nextNote += 0.25
          }
        },
      })
      const ended = performance.now()
      const used = process.cpuUsage(cpu)
      const sum = (k: 'read' | 'imported' | 'merged' | 'skipped') =>
        Object.values(report.tables).reduce((n, x) => n + x[k], 0)
      const run: LegacyRun = {
        seconds: round((ended - started) / 1000),
        cpuSeconds: round((used.user + used.system) / 1e6),
        rowsRead: sum('read'),
        imported: sum('imported'),
        merged: sum('merged'),
        skipped: sum('skipped'),
        unaccounted: sum('read') - sum('imported') - sum('merged') - sum('skipped'),
        afterLastRowSeconds: round((ended - last) / 1000),
        steps: [...steps]
          .map(([table, ms]) => ({ table, seconds: round(ms / 1000) }))
          .sort((x, y) => y.seconds - x.seconds),
      }
      say(
        `${name}: ${run.seconds} s (CPU ${run.cpuSeconds} s), ${run.rowsRead} rows read: ${run.imported} imported, ` +
          `${run.merged} merged, ${run.skipped} skipped`,
      )
      return run
    }

    const first = await once('first run')
    const peak = peakRssMb()
    const records: Record<string, number> = {}
    for (const table of RECORD_TABLES) {
      const r = await sql<{
        n: number | string
      }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db)
      records[table] = Number(r.rows[0].n)
    }
    const second = await once('second run')
    const result: LegacyDbResult = {
      db: a.db,
      label: LABELS[a.db],
      migrateSeconds,
      rssBeforeMb,
      first,
      rowsPerSecond: Math.round(first.rowsRead / first.seconds),
      peakRssMb: peak,
      second,
      peakRssMbAfterSecond: peakRssMb(),
      records,
    }
    console.log(RESULT_PREFIX + JSON.stringify(result))
  } finally {
    await handle.close()
  }
}

if (process.argv[2] === CHILD_FLAG) {
  try {
    await child(JSON.parse(process.argv[3]))
  } catch (e) {
    console.error(e)
    process.exitCode = 1
  }
}
