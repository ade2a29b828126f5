import type { GprMonthChart } from '../../src/gpr/chart.queries.ts'
import { PlanFactMonth } from '../components/PlanFactMonth.tsx'
import { monthName } from '../../src/shifts/hours.ts'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

// Cumulative fact against plan over the shown month, for every project the filters select.
// Drawn inside the grid's live region, so it redraws with it when the work log changes.
export function GprChart({ c, today }: { c: GprMonthChart; today: string }) {
  const month = monthName(c.month)
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
        <PlanFactMonth
          month={c.month}
          days={c.days}
          dailyPlan={c.dailyPlan}
          dailyFact={c.dailyFact}
          today={today}
        />
      )}
      {c.undated > 0 && (
        <p class="mt-1 text-xs text-slate-500">
          {`Строк плана без дат (не распределены по дням): ${c.undated}.`}
        </p>
      )}
    </section>
  )
}
