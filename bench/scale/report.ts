// The scale suite's tables and the verdict on each of the issue's targets.
import { TARGET } from '../report.ts'
import { markdownTable, terminalTable, type Cell } from '../lib/table.ts'
import type { LoadRow } from './load.ts'
import { MIX_RSS_MB } from './mix.ts'
import { EXPORT_TARGET_S, type ScaleResult } from './suite.ts'

export interface Verdict {
  db: string
  target: string
  value: string
  met: boolean
}

const HEAD = [
  'target',
  'req/s',
  'p50 ms',
  'p99 ms',
  '× hello',
  'paced p50',
  'paced p99',
  'paced max',
  'errors',
  'p99 goal',
  'met',
]
const row = (r: LoadRow): Cell[] => [
  r.name,
  r.requestsPerSecond,
  r.latencyP50Ms,
  r.latencyP99Ms,
  r.ratioToHello,
  r.paced?.latencyP50Ms ?? '',
  r.paced?.latencyP99Ms ?? '',
  r.paced?.latencyMaxMs ?? '',
  r.non2xx + r.errors + (r.paced?.errors ?? 0),
  r.target ? `< ${r.target.p99Ms}` : '',
  r.target ? (r.target.met ? 'yes' : 'NO') : '',
]

export function scaleVerdicts(res: ScaleResult): Verdict[] {
  const v: Verdict[] = []
  for (const r of [...res.reads, ...res.writes])
    if (r.target)
      v.push({
        db: res.db,
        target: `${r.name}: p99 < ${r.target.p99Ms} ms${r.target.note ? ', deep ≤ 1.5× first' : ''}`,
        value: `p99 ${r.paced?.latencyP99Ms ?? r.latencyP99Ms} ms${r.paced ? ` at ${r.paced.rate}/s` : ''}${r.target.note ? `; ${r.target.note}` : ''}`,
        met: r.target.met,
      })
  v.push({
    db: res.db,
    target: `export of ${res.export.rows} rows done < ${EXPORT_TARGET_S} s`,
    value: `${res.export.seconds} s`,
    met: res.export.seconds < EXPORT_TARGET_S,
  })
  const m = res.mix
  v.push({
    db: res.db,
    target: `mix of ${m.users}: 0 errors, 0 lost updates, conflicts never silent`,
    value: `${m.errors} errors, ${m.lostUpdates} lost of ${m.acknowledgedWrites}, ${m.conflictProbes.conflicts}/${m.conflictProbes.pairs} conflicts, ${m.conflictProbes.silentOverwrites} silent`,
    met:
      !m.errors &&
      !m.lostUpdates &&
      !m.conflictProbes.silentOverwrites &&
      !m.conflictProbes.other.length,
  })
  v.push({
    db: res.db,
    target: `server RSS during the mix < ${MIX_RSS_MB} MB`,
    value: `peak ${m.rssMb.peak} MB`,
    met: m.rssMb.peak < MIX_RSS_MB,
  })
  for (const f of res.fanout)
    v.push({
      db: res.db,
      target: `fan-out to ${f.sockets} sockets, ${f.label}: p95 < ${TARGET.p95Ms} ms`,
      value: `p95 ${f.lastFromSend.p95} ms from send`,
      met: f.lastFromSend.p95 < TARGET.p95Ms && f.incompleteRounds === 0,
    })
  return v
}

export function printScale(
  hello: LoadRow,
  results: ScaleResult[],
  opts: { markdown: boolean },
  print: (s: string) => void,
) {
  const table = opts.markdown ? markdownTable : terminalTable
  for (const res of results) {
    const c = res.data.counts
    print(
      `\n${res.db}: ${c.projects} projects, ${c.users} users, ${c.worklog_entries} work-log lines, ` +
        `${c.documents} documents / ${c.document_movements} movements, ${c.remarks} remarks / ` +
        `${c.remark_events} events, ${c.stock_batches} batches / ${c.stock_movements} movements` +
        ` (generated in ${res.data.seconds} s)\n`,
    )
    const rate = res.reads.find((r) => r.paced)?.paced?.rate
    print(
      `Reads and writes (autocannon, ${hello.connections} connections, ${hello.seconds} s as fast ` +
        `as answered` +
        (rate ? `, then ${hello.seconds} s paced at ${rate} requests/s in all` : '') +
        `; ms; errors = 4xx/5xx + connection errors)\n`,
    )
    print(table(HEAD, [row(hello), ...res.reads.map(row), ...res.writes.map(row)]))
    const w = res.writes
      .map(
        (x) =>
          `${x.name}: ${x.acknowledged} saved, ${x.missing} missing, ${x.auditRows} audit rows, ${x.pushes} pushes`,
      )
      .join('\n')
    print(`\n${w}`)
    print(`\nExport: ${res.export.rows} documents as XLSX, job done in ${res.export.seconds} s`)
    const m = res.mix
    print(
      `\nMix: ${m.users} users (think ${m.thinkMs[0]}–${m.thinkMs[1]} ms), ${m.socketsOpen} sockets, ${m.seconds} s\n`,
    )
    print(
      table(
        ['', 'n', 'p50 ms', 'p99 ms'],
        [
          ['reads', m.reads.n, m.reads.p50, m.reads.p99],
          ['writes', m.writes.n, m.writes.p50, m.writes.p99],
        ],
      ),
    )
    print(
      `\n${m.requestsPerSecond} req/s; errors ${m.errors}; saves ${m.acknowledgedWrites} ` +
        `(${JSON.stringify(m.writes.byKind)}), lost ${m.lostUpdates}; conflict pairs ${m.conflictProbes.pairs}: ` +
        `${m.conflictProbes.conflicts} ended in 409, ${m.conflictProbes.silentOverwrites} silent overwrites; ` +
        `pushes received ${m.pushesReceived}; unexpected socket closes ${m.unexpectedCloses}; ` +
        `server RSS ${m.rssMb.start} → peak ${m.rssMb.peak} MB (mean ${m.rssMb.mean})`,
    )
    for (const e of m.errorSamples.slice(0, 5)) print(`  error: ${e}`)
    for (const e of m.conflictProbes.other.slice(0, 5)) print(`  conflict probe: ${e}`)
    if (res.fanout.length) {
      print('\nFan-out (ms from just before the POST until the last / first socket had the row)\n')
      print(
        table(
          ['setup', 'sockets', 'last p50', 'last p95', 'first p50', 'POST p50', 'incomplete'],
          res.fanout.map((f) => [
            f.label,
            f.sockets,
            f.lastFromSend.p50,
            f.lastFromSend.p95,
            f.firstFromSend.p50,
            f.post.p50,
            f.incompleteRounds,
          ]),
        ),
      )
    }
    if (res.serverLog.length)
      print(
        `\nThe server printed ${res.serverLog.length} line(s), e.g.\n${res.serverLog.slice(0, 3).join('\n')}`,
      )
  }
  const verdicts = results.flatMap(scaleVerdicts)
  print('\nTargets\n')
  print(
    table(
      ['db', 'target', 'measured', 'met'],
      verdicts.map((v) => [v.db, v.target, v.value, v.met ? 'yes' : 'NO']),
    ),
  )
  return verdicts
}
