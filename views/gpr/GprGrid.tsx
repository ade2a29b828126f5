import { formatNumber, formatDate } from '../../src/lib/format.ts'
import type { GprRow } from '../../src/gpr/gpr.queries.ts'
import { summaryByMaterial } from '../../src/gpr/gpr.queries.ts'
import type { GprMonthChart } from '../../src/gpr/chart.queries.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'
import { GprChart } from './GprChart.tsx'

const pct = (r: { plan_m2: number; fact_m2: number }) =>
  r.plan_m2 > 0 ? Math.min(999, Math.round((r.fact_m2 / r.plan_m2) * 100)) : null
const n = (v: number) => formatNumber(Math.round(v * 10) / 10)

function Progress({ value }: { value: number | null }) {
  if (value === null) return <span class="text-slate-400">—</span>
  return (
    <div class="flex items-center gap-1" title={`${value}%`}>
      <div
        class="h-2 w-16 overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-label="Выполнено"
        aria-valuenow={value}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div
          class={`h-2 ${value >= 100 ? 'bg-green-600' : 'bg-blue-600'}`}
          style={`width:${Math.min(100, value)}%`}
        ></div>
      </div>
      <span class="text-xs">{value}%</span>
    </div>
  )
}

// Rows = project × material; then plan, fact, remainder, progress; then the month's days.
export function GprGrid(p: {
  rows: GprRow[]
  days: string[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
  today: string
  canEnter: boolean // a site chief may type a day's volume into a cell
  canPlan?: boolean // may enter plan volumes (the empty state links to the projects)
  materials: { code: string; short_name: string }[]
  chart: GprMonthChart // every filtered project, not only this page
}) {
  const sum = summaryByMaterial(p.rows, p.materials)
  return (
    <div
      id="gpr-grid"
      data-resync={p.resyncUrl}
      data-live-sums
      class="space-y-3"
      hx-indicator="#gpr-busy"
    >
      <GprChart c={p.chart} today={p.today} />
      <div class="overflow-x-auto rounded border border-slate-200 bg-white" data-print-grid>
        <table class="w-full border-collapse text-xs">
          <thead class="bg-slate-50">
            <tr>
              <th class="sticky left-0 z-10 bg-slate-50 px-2 py-1 text-left">Объект / материал</th>
              <th class="px-2 py-1 text-right">План, м²</th>
              <th class="px-2 py-1 text-right">Факт, м²</th>
              <th class="px-2 py-1 text-right">Остаток</th>
              <th class="px-2 py-1">Выполнено</th>
              {p.days.map((d) => (
                <th
                  class={`px-1 py-1 text-center font-normal ${d === p.today ? 'bg-yellow-100' : ''}`}
                  title={formatDate(d)}
                >
                  {Number(d.slice(8))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 && (
              <tr>
                <td class="p-0" colSpan={5 + p.days.length}>
                  {isFiltered(p.query, ['month']) ? (
                    <NothingFound reset={`/gpr?month=${p.days[0].slice(0, 7)}`} />
                  ) : (
                    <EmptyState
                      title="В ГПР пока нет объектов"
                      hint="Строка ГПР — объект и материал: план в м² из проекта или графика, факт из журнала работ по дням месяца. Внесите плановые объёмы в карточке проекта."
                      create={!!p.canPlan && { href: '/projects', label: 'Перейти к проектам' }}
                    />
                  )}
                </td>
              </tr>
            )}
            {p.rows.map((r) => (
              <tr id={`gpr-${r.project_id}-${r.material_code}`} class="border-t border-slate-100">
                <td class="sticky left-0 z-10 bg-white px-2 py-1">
                  <a class="link" href={`/projects/${r.project_id}/worklog`}>
                    {r.project_code}
                  </a>{' '}
                  {r.material_name}
                  <div class="text-[10px] text-slate-500">
                    {formatDate(r.start_date)}–{formatDate(r.end_date)}
                  </div>
                </td>
                <td class="px-2 py-1 text-right">{n(r.plan_m2)}</td>
                <td class="px-2 py-1 text-right font-semibold">{n(r.fact_m2)}</td>
                <td class="px-2 py-1 text-right">{n(Math.max(0, r.plan_m2 - r.fact_m2))}</td>
                <td class="px-2 py-1">
                  <Progress value={pct(r)} />
                </td>
                {p.days.map((d) => (
                  <td class={`px-1 py-1 text-center ${d === p.today ? 'bg-yellow-50' : ''}`}>
                    {r.days[d] ? (
                      <a
                        class="link"
                        href={`/projects/${r.project_id}/worklog?from=${d}&to=${d}&material=${r.material_code}`}
                        title={`${formatDate(d)}: ${n(r.days[d])} м²`}
                      >
                        {Math.round(r.days[d])}
                      </a>
                    ) : p.canEnter && d <= p.today ? (
                      // Most cells of a month are this link: kept short (one class, no title).
                      <a
                        class="gpr-add"
                        href={`/projects/${r.project_id}/gpr/cell?date=${d}&material=${r.material_code}`}
                        aria-label={`Внести объём за ${formatDate(d)}`}
                      >
                        +
                      </a>
                    ) : (
                      ''
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager baseQuery={p.query} next={p.next} target="#gpr-grid" isFirst={p.isFirst} />
      <Busy id="gpr-busy" />
      <section class="card">
        <h2 class="mb-2 font-semibold">Сводка по материалам (объекты на странице)</h2>
        <table class="table table-cards">
          <thead>
            <tr>
              <th>Материал</th>
              <th class="text-right">План, м²</th>
              <th class="text-right">Факт, м²</th>
              <th class="text-right">За месяц, м²</th>
              <th>Выполнено</th>
            </tr>
          </thead>
          <tbody>
            {sum.map((s) => (
              <tr>
                <td data-label="Материал">{s.material_name}</td>
                <td data-label="План, м²" class="text-right">
                  {n(s.plan_m2)}
                </td>
                <td data-label="Факт, м²" class="text-right">
                  {n(s.fact_m2)}
                </td>
                <td data-label="За месяц, м²" class="text-right">
                  {n(s.month_m2)}
                </td>
                <td data-label="Выполнено">
                  <Progress value={pct(s)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
