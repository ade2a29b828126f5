import { domId } from '../../src/lib/dom-id.ts'
import { formatDate, formatNumber } from '../../src/lib/format.ts'
import type { EntryRow, TotalRow } from '../../src/worklog/worklog.queries.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyRow, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'

export function EntryRowView({
  e,
  showProject,
  fresh,
}: {
  e: EntryRow
  showProject: boolean
  fresh?: boolean
}) {
  return (
    <tr id={domId('worklog', e.id)} class={fresh ? 'bg-yellow-50' : undefined}>
      <td data-label="Дата" class="whitespace-nowrap">
        <a class="link" href={`/worklog/entries/${e.id}`} title="Исправить или удалить строку">
          {formatDate(e.work_date)}
        </a>
        {e.source === 'grid' && <div class="text-[10px] text-slate-500">из ГПР</div>}
      </td>
      {showProject && (
        <td data-label="Проект" class="font-mono text-xs">
          <a class="link" href={`/projects/${e.project_id}/worklog`}>
            {e.project_code}
          </a>
        </td>
      )}
      <td data-label="Материал">{e.material_name}</td>
      <td data-label="Разметка" title={e.type_name}>
        {e.type_code}
      </td>
      <td data-label="Участок">{e.section ?? ''}</td>
      <td data-label="Бригада">{e.crew_name ?? ''}</td>
      <td data-label="Объём" class="whitespace-nowrap text-right">
        {e.metres != null ? `${formatNumber(e.metres)} м` : `${formatNumber(e.pieces)} шт.`}
        {e.width_m != null && (
          <div class="text-xs text-slate-500">× {formatNumber(e.width_m)} м</div>
        )}
      </td>
      <td data-label="м²" class="whitespace-nowrap text-right font-semibold">
        {formatNumber(e.area_m2)}
      </td>
    </tr>
  )
}

export interface EntryListProps {
  rows: EntryRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
  showProject: boolean
  createHref?: string // where this user enters work, when he may
}

// The log shows this month unless a period is chosen, so an empty first view is "nothing yet".
function NoEntries(p: EntryListProps) {
  const base = p.resyncUrl.split('?')[0]!
  if (isFiltered(p.query, p.showProject ? [] : ['project']))
    return <NothingFound reset={base} lead="За выбранный период и с этими условиями записей нет." />
  return (
    <EmptyState
      title="В этом месяце записей пока нет"
      hint="Журнал работ — что сделано за день: дата, материал, тип разметки, длина или штуки; площадь в м² считается сама и идёт в ГПР."
      create={!!p.createHref && { href: p.createHref, label: '+ Внести первую запись' }}
    />
  )
}

export function EntryList(p: EntryListProps) {
  const cols = p.showProject ? 8 : 7
  return (
    <div id="worklog-list" data-resync={p.resyncUrl} hx-indicator="#worklog-busy">
      <div class="overflow-x-auto">
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              <th>Дата</th>
              {p.showProject && <th>Проект</th>}
              <th>Материал</th>
              <th>Разметка</th>
              <th>Участок</th>
              <th>Бригада</th>
              <th class="text-right">Объём</th>
              <th class="text-right">м²</th>
            </tr>
          </thead>
          <tbody id="worklog-rows">
            {p.rows.length === 0 ? (
              <EmptyRow cols={cols}>
                <NoEntries {...p} />
              </EmptyRow>
            ) : (
              p.rows.map((e) => <EntryRowView e={e} showProject={p.showProject} />)
            )}
          </tbody>
        </table>
      </div>
      <Pager baseQuery={p.query} next={p.next} target="#worklog-list" isFirst={p.isFirst} />
      <Busy id="worklog-busy" />
    </div>
  )
}

export function Totals({ rows, resyncUrl }: { rows: TotalRow[]; resyncUrl?: string }) {
  const total = rows.reduce((s, r) => s + r.area_m2, 0)
  return (
    <section id="worklog-totals" class="card" data-resync={resyncUrl} data-live-sums>
      <h2 class="mb-2 font-semibold">Итоги за период</h2>
      {rows.length === 0 ? (
        <p class="text-slate-600">За период объёмов нет.</p>
      ) : (
        <table class="table table-cards">
          <thead>
            <tr>
              <th>Материал</th>
              <th>Разметка</th>
              <th class="text-right">Длина, м</th>
              <th class="text-right">Штук</th>
              <th class="text-right">Площадь, м²</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td data-label="Материал">{r.material_name}</td>
                <td data-label="Разметка" title={r.type_name}>
                  {r.type_code}
                </td>
                <td data-label="Длина, м" class="text-right">
                  {r.metres ? formatNumber(r.metres) : ''}
                </td>
                <td data-label="Штук" class="text-right">
                  {r.pieces ? formatNumber(r.pieces) : ''}
                </td>
                <td data-label="Площадь, м²" class="text-right">
                  {formatNumber(r.area_m2)}
                </td>
              </tr>
            ))}
            <tr class="font-semibold">
              <td colSpan={4}>Всего</td>
              <td data-label="Площадь, м²" class="text-right">
                {formatNumber(Math.round(total * 100) / 100)}
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  )
}
