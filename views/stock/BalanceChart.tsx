import type { BalancePoint } from '../../src/stock/balance-chart.queries.ts'
import type { BatchRow } from '../../src/stock/batches.queries.ts'
import { CHART_COLORS, Legend, StepChart } from '../../src/lib/charts.tsx'
import { qty } from './Overview.tsx'

const SERIES = [
  { key: 'left', name: 'Всего (склад и объекты)', color: CHART_COLORS.value },
  { key: 'in_store', name: 'На складе', color: CHART_COLORS.plan, dashed: true },
]

// The batch's balance after each day it moved, drawn on to today; reloads with the warehouse.
export function BalanceChart(p: {
  batchId: number
  unit: BatchRow['unit']
  points: BalancePoint[]
  today: string
}) {
  return (
    <section
      id="batch-balance"
      class="card"
      aria-labelledby="batch-balance-h"
      data-resync={`/stock/batches/${p.batchId}/balance`}
      data-live-stock
    >
      <h2 id="batch-balance-h" class="mb-1 text-lg font-semibold">
        Остаток партии по дням
      </h2>
      {p.points.length === 0 ? (
        <p class="text-sm text-slate-600">Движений по партии ещё не было.</p>
      ) : (
        <>
          <Legend items={SERIES} />
          <StepChart
            caption="Остаток партии по дням"
            until={p.today}
            valueText={(n) => qty(n, p.unit)}
            series={SERIES}
            points={p.points.map((x) => ({
              date: x.date,
              values: [x.in_store + x.on_site, x.in_store],
            }))}
          />
        </>
      )}
    </section>
  )
}
