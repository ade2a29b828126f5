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

// A month's plan against fact, accumulated: the summary line, the legend and the chart. The
// dashboard's month tile and the ГПР page both draw it. In the current month the fact stops at
// today and the summary counts up to today; a past month is summed whole.
export function PlanFactMonth(p: {
  month: string // YYYY-MM
  days: string[]
  dailyPlan: number[]
  dailyFact: number[]
  today: string
}) {
  const name = monthName(p.month)
  const current = p.today.slice(0, 7) === p.month
  const until = p.month >= p.today.slice(0, 7) ? p.today : undefined // no fact after today
  const upTo = until ? p.days.filter((d) => d <= until).length : p.days.length
  const planTo = sum(p.dailyPlan.slice(0, upTo))
  const factTo = sum(p.dailyFact.slice(0, upTo))
  return (
    <>
      <p class="mb-2 text-sm text-slate-700">
        {current ? `На ${formatDate(p.today)}` : `За ${name}`}: факт{' '}
        <strong data-total="fact">{formatAmount(factTo)}</strong> при плане{' '}
        <span data-total="plan">{formatAmount(planTo)}</span> ({percentText(factTo, planTo)}); план
        месяца {formatAmount(sum(p.dailyPlan))}.
      </p>
      <Legend
        items={[
          { name: 'План нарастающим итогом', color: CHART_COLORS.plan, dashed: true },
          { name: 'Факт нарастающим итогом', color: CHART_COLORS.value },
        ]}
      />
      <CumulativeChart
        days={p.days}
        today={current ? p.today : undefined}
        caption={`План и факт за ${name}, м²`}
        series={[
          { key: 'plan', name: 'План', daily: p.dailyPlan, dashed: true, color: CHART_COLORS.plan },
          { key: 'fact', name: 'Факт', daily: p.dailyFact, until },
        ]}
      />
    </>
  )
}
