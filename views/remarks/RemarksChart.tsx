import type { RemarkWeeks } from '../../src/remarks/chart.queries.ts'
import { CHART_COLORS, ColumnChart, Legend } from '../../src/lib/charts.tsx'
import { countOf, formatDate } from '../../src/lib/format.ts'
import { addDays } from '../../src/weekly/week.ts'

const remarks = (n: number) => countOf(n, 'замечание', 'замечания', 'замечаний')
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const SERIES = [
  { key: 'opened', name: 'Открыто', color: CHART_COLORS.today },
  { key: 'closed', name: 'Закрыто', color: CHART_COLORS.done },
] as const

// Remarks opened against remarks closed (or rejected) per week: is the backlog shrinking?
// A live region of its own: a remark's change reloads it from `resyncUrl` (data-live-remarks).
export function RemarksChart(p: { w: RemarkWeeks; resyncUrl: string; scope: string }) {
  const { w } = p
  const weeks = w.weeks.length
  const nothing = sum(w.opened) + sum(w.closed) === 0
  return (
    <section
      id="remarks-chart"
      class="card"
      aria-labelledby="remarks-chart-h"
      data-resync={p.resyncUrl}
      data-live-remarks
    >
      <h2 id="remarks-chart-h" class="mb-1 font-semibold">
        Открыто и закрыто по неделям
      </h2>
      {nothing ? (
        <p class="text-sm text-slate-600">
          За последние {weeks} недель замечаний не открывали и не закрывали.
        </p>
      ) : (
        <>
          <p class="mb-2 text-sm text-slate-700">
            {p.scope}, {weeks} недель с {formatDate(w.weeks[0])}: открыто{' '}
            <strong data-total="opened">{remarks(sum(w.opened))}</strong>, закрыто или отклонено{' '}
            <strong data-total="closed">{remarks(sum(w.closed))}</strong>.
          </p>
          <Legend items={SERIES.map((s) => ({ name: s.name, color: s.color }))} />
          <ColumnChart
            caption={`Замечания по неделям: ${p.scope.toLowerCase()}`}
            valueText={remarks}
            counts
            periods={w.weeks.map((m) => ({
              key: m,
              label: formatDate(m).slice(0, 5),
              title: `Неделя ${formatDate(m)} — ${formatDate(addDays(m, 6))}`,
            }))}
            series={SERIES.map((s) => ({ ...s, values: w[s.key] }))}
          />
        </>
      )}
    </section>
  )
}
