import type { Progress } from '../../src/dashboard/progress.queries.ts'
import { countOf as count } from '../../src/lib/format.ts'
import { BarChart, CHART_COLORS, Legend } from '../../src/lib/charts.tsx'
import { monthName } from '../../src/shifts/hours.ts'
import { PlanFactMonth } from '../components/PlanFactMonth.tsx'
import { Empty, More, Tile } from './Tile.tsx'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const gprHref = (p: Progress, extra = '') => `/gpr?month=${p.month}${extra}`

// Cumulative fact against plan over the month, every project the user sees.
export function MonthTile({ p }: { p: Progress }) {
  const month = monthName(p.month)
  const planMonth = sum(p.dailyPlan)
  const nothing = planMonth === 0 && sum(p.dailyFact) === 0
  return (
    <Tile id="month" title={`План и факт за ${month}`} href={gprHref(p)} live="sums">
      {nothing ? (
        <Empty>За {month} нет ни плана, ни выполненных объёмов.</Empty>
      ) : (
        <>
          <PlanFactMonth
            month={p.month}
            days={p.days}
            dailyPlan={p.dailyPlan}
            dailyFact={p.dailyFact}
            today={p.today}
          />
          {p.undated > 0 && (
            <p class="mt-1 text-xs text-slate-500">
              {`Строк плана без дат (не вошли в план по дням): ${p.undated}.`}
            </p>
          )}
        </>
      )}
    </Tile>
  )
}

const IDLE_SHOWN = 12

// A bar per active project: the month's plan and what the work log holds for it; the active
// projects with neither are named below.
export function ProgressTile({ p }: { p: Progress }) {
  const month = monthName(p.month)
  const href = gprHref(p, '&status=active')
  return (
    <Tile id="progress" title={`Активные проекты за ${month}`} href={href} live="sums">
      {p.projects.length === 0 && p.idle.length === 0 && <Empty>Активных проектов нет.</Empty>}
      {p.projects.length === 0 && p.idle.length > 0 && (
        <Empty>По активным проектам за {month} нет ни плана, ни выполненных объёмов.</Empty>
      )}
      {p.projects.length > 0 && (
        <>
          <Legend
            items={[
              { name: 'План месяца', color: CHART_COLORS.trackLine },
              { name: 'Факт', color: CHART_COLORS.value },
              { name: 'План выполнен', color: CHART_COLORS.done },
            ]}
          />
          <div class="mt-2">
            <BarChart
              caption={`Активные проекты: план и факт за ${month}`}
              rows={p.projects.map((x) => ({
                key: x.id,
                label: `${x.code} ${x.name}`,
                value: x.fact_m2,
                target: x.plan_m2,
              }))}
            />
          </div>
          {p.more > 0 && (
            <More href={href}>ещё {count(p.more, 'проект', 'проекта', 'проектов')} — в ГПР</More>
          )}
        </>
      )}
      {p.idle.length > 0 && (
        <p class="mt-3 text-sm text-slate-600" data-idle={String(p.idle.length)}>
          Без плана и факта за {month}:{' '}
          {p.idle.slice(0, IDLE_SHOWN).map((x, i) => (
            <>
              {i > 0 && ', '}
              <a class="link font-mono text-xs" href={gprHref(p, `&project=${x.id}`)}>
                {x.code}
              </a>
            </>
          ))}
          {p.idle.length > IDLE_SHOWN && ` и ещё ${p.idle.length - IDLE_SHOWN}`}.
        </p>
      )}
    </Tile>
  )
}
