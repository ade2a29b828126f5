import type { FanoutResult } from './fanout.ts'
import type { HttpResult } from './http.ts'
import type { LegacyDbResult, LegacyResult } from './legacy.ts'
import { markdownTable, terminalTable, type Cell } from './lib/table.ts'

// The target: 1000 sockets, one process, p95 under 100 ms from commit to last socket.
export const TARGET = { sockets: 1000, p95Ms: 100 }

const FANOUT_HEAD = [
  'setup',
  'sockets',
  'open s',
  'RSS KB/sock',
  'heap KB/sock',
  'last p50',
  'last p95',
  'last p50*',
  'last p95*',
  'first p50',
  'POST p50',
  'incomplete',
]

const fanoutRow = (r: FanoutResult): Cell[] => [
  r.label,
  r.sockets,
  r.openSeconds,
  r.kbPerSocket,
  r.heapKbPerSocket,
  r.lastFromResponse.p50,
  r.lastFromResponse.p95,
  r.lastFromSend.p50,
  r.lastFromSend.p95,
  r.firstFromResponse.p50,
  r.post.p50,
  r.incompleteRounds,
]

const FANOUT_NOTE =
  'ms; last/first = until the last/first socket had the row, counted from the POST response ' +
  '(the commit is before it); * = counted from just before the POST was sent'

const HTTP_HEAD = ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'ratio to hello']
const httpRow = (r: HttpResult): Cell[] => [
  r.name,
  r.requestsPerSecond,
  r.latencyP50Ms,
  r.latencyP99Ms,
  r.non2xx,
  r.errors,
  r.ratioToHello,
]

const LEGACY_HEAD = [
  'database',
  'rows read',
  'import s',
  'rows/s',
  'CPU s',
  'second run s',
  'second run imported',
  'peak RSS MB',
  'RSS before MB',
]
const legacyRow = (r: LegacyDbResult): Cell[] => [
  r.label,
  r.first.rowsRead,
  r.first.seconds,
  r.rowsPerSecond,
  r.first.cpuSeconds,
  r.second.seconds,
  r.second.imported,
  r.peakRssMb,
  r.rssBeforeMb,
]
const LEGACY_STEPS_SHOWN = 8

export interface TargetVerdict {
  setup: string
  p95FromResponse: number
  p95FromSend: number
  met: boolean // judged on the stricter "from send" number
}

export function targetVerdicts(results: FanoutResult[]): TargetVerdict[] {
  return results
    .filter((r) => r.processes === 1 && r.sockets === TARGET.sockets)
    .map((r) => ({
      setup: r.label,
      p95FromResponse: r.lastFromResponse.p95,
      p95FromSend: r.lastFromSend.p95,
      met: r.lastFromSend.p95 < TARGET.p95Ms && r.incompleteRounds === 0,
    }))
}

export function printReport(
  fanout: FanoutResult[],
  http: HttpResult[],
  legacy: LegacyResult | null,
  opts: { markdown: boolean },
  print: (s: string) => void,
) {
  const table = opts.markdown ? markdownTable : terminalTable
  if (fanout.length) {
    print('\nFan-out (' + FANOUT_NOTE + ')\n')
    print(table(FANOUT_HEAD, fanout.map(fanoutRow)))
    for (const v of targetVerdicts(fanout))
      print(
        `\nTarget (${TARGET.sockets} sockets, 1 process, p95 < ${TARGET.p95Ms} ms), ${v.setup}: ` +
          `${v.met ? 'met' : 'NOT met'} (p95 ${v.p95FromSend} ms from send, ` +
          `${v.p95FromResponse} ms from response)`,
      )
    for (const r of fanout)
      if (r.serverLog.length)
        print(
          `\n${r.label}, ${r.sockets} sockets: the server printed ${r.serverLog.length} line(s), e.g.\n` +
            r.serverLog.slice(0, 3).join('\n'),
        )
  }
  if (http.length) {
    print(`\nHTTP (autocannon, ${http[0].connections} connections, ${http[0].seconds} s each)\n`)
    print(table(HTTP_HEAD, http.map(httpRow)))
  }
  if (legacy?.results.length) {
    const g = legacy.generated
    print(
      `\nLegacy import (${g.total} generated rows, ${g.rows['main.gpr_records.daily_data']} of them ` +
        `daily_data days; one transaction each; the second run must import 0)\n`,
    )
    print(table(LEGACY_HEAD, legacy.results.map(legacyRow)))
    for (const r of legacy.results) {
      print(`\n${r.label}: where the first run's time went (s, the slowest tables)\n`)
      print(
        table(
          ['table', 'first run s', 'second run s'],
          r.first.steps
            .slice(0, LEGACY_STEPS_SHOWN)
            .map((s) => [
              s.table,
              s.seconds,
              r.second.steps.find((x) => x.table === s.table)?.seconds ?? NaN,
            ]),
        ),
      )
      if (r.first.unaccounted || r.second.unaccounted || r.second.imported)
        print(
          `\n${r.label}: NOT as expected — unaccounted rows ${r.first.unaccounted} / ` +
            `${r.second.unaccounted}, imported by the second run ${r.second.imported}`,
        )
    }
  }
}
