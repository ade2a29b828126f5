import type { GprMonthChart } from '../../src/gpr/chart.queries.ts'
import {
  CHART_COLORS,
  CumulativeChart,
  Legend,
  formatAmount,
  percentText,
} from '../../src/lib/charts.tsx'
import { formatDate } from '../../src/lib/format.ts'
import { monthName } from '../../src/shifts/hours.ts'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

// Cumulative fact against plan over the shown month, for every project the filters select.
// Drawn inside the grid's live region, so it redraws with it when the work log changes.
export function GprChart({ c, today }: { c: GprMonthChart; today: string }) {
  const month = monthName(c.month)
  const current = today.slice(0, 7) === c.month
  const until = c.month >= today.slice(0, 7) ? today : undefined // no fact after today
  const upTo = until ? c.days.filter((d) => d <= until).length : c.days.length
  const planTo = sum(c.dailyPlan.slice(0, upTo))
  const factTo = sum(c.dailyFact.slice(0, upTo))
  const nothing = sum(c.dailyPlan) === 0 && sum(c.dailyFact) === 0
  return (
    <section id="gpr-chart" class="card" aria-labelledby="gpr-chart-h">
      <h2 id="gpr-chart-h" class="mb-1 font-semibold">
        План и факт за {month} нарастающим итогом
      </h2>
      {nothing ? (
        <p class="text-sm text-slate-600">
          За {month} у выбранных объектов нет ни плана с датами, ни выполненных объёмов.
        </p>
      ) : (
        <>
          <p class="mb-2 text-sm text-slate-700">
            {current ? `На ${formatDate(today)}` : `За ${month}`}: факт{' '}
            <strong data-total="fact">{formatAmount(factTo)}</strong> при плане{' '}
            <span data-total="plan">{formatAmount(planTo)}</span> ({percentText(factTo, planTo)}
            ); план месяца {formatAmount(sum(c.dailyPlan))}.
          </p>
          <Legend
            items={[
              { name: 'План нарастающим итогом', color: CHART_COLORS.plan, dashed: true },
              { name: 'Факт нарастающим итогом', color: CHART_COLORS.value },
            ]}
          />
          <CumulativeChart
            days={c.days}
            today={current ? today : undefined}
            caption={`План и факт за ${month}, м²`}
            series={[
              {
                key: 'plan',
                name: 'План',
                daily: c.dailyPlan,
                dashed: true,
                color: CHART_COLORS.plan,
              },
              {
                key: 'fact',
                name: 'Факт',
                daily: c.dailyFact,
                until,
              },
            ]}
          />
        </>
      )}
      {c.undated > 0 && (
        <p class="mt-1 text-xs text-slate-500">
          {`Строк плана без дат (не распределены по дням): ${c.undated}.`}
        </p>
      )}
    </section>
  )
}
