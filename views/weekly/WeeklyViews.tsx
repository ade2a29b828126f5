import { formatDate, formatDateTime, formatNumber } from '../../src/lib/format.ts'
import { PLAN_NOTE } from '../../src/weekly/kinds.ts'
import { percentOf } from '../../src/weekly/week.ts'
import type { WeekRow, WeekTotals } from '../../src/weekly/weekly.queries.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyState } from '../components/ListStates.tsx'

const Pct = ({ fact, plan }: { fact: number; plan: number }) => {
  const p = percentOf(fact, plan)
  return <>{p == null ? '—' : `${formatNumber(p)}%`}</>
}

// Per material: the week's plan, the whole plan of the objects worked that week, the fact.
export function WeekTable({
  rows,
  totals,
  id,
}: {
  rows: WeekRow[]
  totals: WeekTotals
  id: string
}) {
  return (
    <div class="overflow-x-auto" tabindex={0} role="region" aria-label="Итоги недели">
      <table id={id} class="table bg-white">
        <thead>
          <tr>
            <th>Материал</th>
            <th class="text-right">План недели, м²</th>
            <th class="text-right">Полный план объектов, м²</th>
            <th class="text-right">Факт, м²</th>
            <th class="text-right">%</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-material={r.material_code}>
              <td>{r.material_name}</td>
              <td class="text-right" data-col="plan">
                {formatNumber(r.plan_m2)}
              </td>
              <td class="text-right" data-col="plan_full">
                {formatNumber(r.plan_full_m2)}
              </td>
              <td class="text-right" data-col="fact">
                {formatNumber(r.fact_m2)}
              </td>
              <td class="text-right">
                <Pct fact={r.fact_m2} plan={r.plan_m2} />
              </td>
            </tr>
          ))}
          <tr class="font-semibold" data-material="total">
            <td>Итого</td>
            <td class="text-right">{formatNumber(totals.plan_m2)}</td>
            <td class="text-right">{formatNumber(totals.plan_full_m2)}</td>
            <td class="text-right">{formatNumber(totals.fact_m2)}</td>
            <td class="text-right">
              <Pct fact={totals.fact_m2} plan={totals.plan_m2} />
            </td>
          </tr>
        </tbody>
      </table>
      <p class="mt-2 text-xs text-slate-500">{PLAN_NOTE}</p>
    </div>
  )
}

export interface HistoryRow {
  id: number
  week_start: string
  plan_m2: number
  fact_m2: number
  created_at: string
  creator_name: string | null
}

export function History(p: {
  rows: HistoryRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  weekEnd: (monday: string) => string
  mayIssue?: boolean
}) {
  return (
    <section id="weekly-history" class="space-y-2" hx-indicator="#weekly-busy">
      <h2 class="text-lg font-semibold">Выпущенные отчёты</h2>
      {p.rows.length === 0 ? (
        <EmptyState
          title="Отчётов пока нет"
          hint={
            p.mayIssue
              ? 'Выпустите первый: выберите неделю выше и нажмите «Выпустить отчёт за эту неделю». Выпущенный отчёт сохраняет цифры и больше не меняется.'
              : 'Еженедельный отчёт выпускает исполнительный директор; выпущенные отчёты появятся здесь.'
          }
        />
      ) : (
        <div class="overflow-x-auto">
          <table class="table table-cards bg-white">
            <thead>
              <tr>
                <th>№</th>
                <th>Неделя</th>
                <th class="text-right">План недели, м²</th>
                <th class="text-right">Факт, м²</th>
                <th>Выпустил</th>
                <th>Когда</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr id={`weekly-report-${r.id}`}>
                  <td data-label="№">
                    <a class="link" href={`/gpr/weekly/${r.id}`}>
                      {r.id}
                    </a>
                  </td>
                  <td data-label="Неделя" class="whitespace-nowrap">
                    <a class="link" href={`/gpr/weekly/${r.id}`}>
                      {formatDate(r.week_start)} — {formatDate(p.weekEnd(r.week_start))}
                    </a>
                  </td>
                  <td data-label="План недели" class="text-right">
                    {formatNumber(r.plan_m2)}
                  </td>
                  <td data-label="Факт" class="text-right">
                    {formatNumber(r.fact_m2)}
                  </td>
                  <td data-label="Выпустил">{r.creator_name ?? ''}</td>
                  <td data-label="Когда" class="whitespace-nowrap">
                    {formatDateTime(r.created_at)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager baseQuery={p.query} next={p.next} target="#weekly-history" isFirst={p.isFirst} />
      <Busy id="weekly-busy" />
    </section>
  )
}
