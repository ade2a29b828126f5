import { domId } from '../../../src/lib/dom-id.ts'
import { formatDate, formatDateTime, shortName } from '../../../src/lib/format.ts'
import { quantityText, type RequestRow } from '../../../src/stock/requests/requests.queries.ts'
import { REQUEST_STATUSES } from '../../../src/stock/requests/requests.schema.ts'
import type { RequestStatus } from '../../../src/stock/stock.table.ts'
import { Pager } from '../../layout/Pager.tsx'
import {
  Busy,
  EmptyRow,
  EmptyState,
  isFiltered,
  NothingFound,
} from '../../components/ListStates.tsx'

const STATUS_COLORS: Record<RequestStatus, string> = {
  draft: 'bg-slate-100 text-slate-800',
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-blue-100 text-blue-900',
  rejected: 'bg-red-100 text-red-900',
  fulfilled: 'bg-green-100 text-green-900',
  cancelled: 'bg-slate-200 text-slate-600',
}

export const RequestStatusBadge = ({ status }: { status: RequestStatus }) => (
  <span class={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLORS[status]}`}>
    {REQUEST_STATUSES[status]}
  </span>
)

// Where the material goes: a project, or the warehouse itself (a stock-control draft).
export const RequestDestination = ({ r }: { r: RequestRow }) =>
  r.project_id ? (
    <span title={r.project_name ?? ''}>
      <span class="font-mono text-xs">{r.project_code}</span> {r.project_name}
    </span>
  ) : (
    <span class="text-slate-600">Склад (контроль остатков)</span>
  )

export function RequestRowView({ r }: { r: RequestRow }) {
  return (
    <tr id={domId('material-request', r.id)}>
      <td data-label="Заявка" class="whitespace-nowrap">
        <a class="link" href={`/stock/requests/${r.id}`}>
          № {r.id}
        </a>
        <div class="text-xs text-slate-500">{formatDateTime(r.created_at)}</div>
      </td>
      <td data-label="Куда">
        <RequestDestination r={r} />
      </td>
      <td data-label="Материал">{r.material_name}</td>
      <td data-label="Количество" class="whitespace-nowrap sm:text-right">
        {quantityText(r)}
      </td>
      <td data-label="Нужно к" class="whitespace-nowrap">
        {formatDate(r.needed_by) || '—'}
      </td>
      <td data-label="Статус">
        <RequestStatusBadge status={r.status} />
      </td>
      <td data-label="Автор">{r.created_by_name ? shortName(r.created_by_name) : 'Система'}</td>
    </tr>
  )
}

export interface RequestListProps {
  rows: RequestRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
}

// Reloads itself (data-resync) whenever the warehouse changes (data-live-stock).
export function RequestList(p: RequestListProps) {
  return (
    <div id="requests-list" data-resync={p.resyncUrl} data-live-stock hx-indicator="#requests-busy">
      {
        <div class="overflow-x-auto">
          <table class="table table-cards bg-white">
            <thead>
              <tr>
                <th>Заявка</th>
                <th>Куда</th>
                <th>Материал</th>
                <th class="text-right">Количество</th>
                <th>Нужно к</th>
                <th>Статус</th>
                <th>Автор</th>
              </tr>
            </thead>
            <tbody id="requests-rows">
              {p.rows.length === 0 && (
                <EmptyRow cols={7}>
                  {isFiltered(p.query) ? (
                    <NothingFound reset="/stock/requests" lead="Заявок нет." />
                  ) : (
                    <EmptyState
                      title="Заявок пока нет"
                      hint="Заявка на материал: прораб или начальник участка просит материал на объект, директор согласует, склад выдаёт."
                    />
                  )}
                </EmptyRow>
              )}
              {p.rows.map((r) => (
                <RequestRowView r={r} />
              ))}
            </tbody>
          </table>
        </div>
      }
      <Pager baseQuery={p.query} next={p.next} target="#requests-list" isFirst={p.isFirst} />
      <Busy id="requests-busy" />
    </div>
  )
}
