import type { BatchRow } from '../../src/stock/batches.queries.ts'
import { batchStatus } from '../../src/stock/batches.queries.ts'
import { formatDate } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyRow, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'
import { IncompleteBadge, StatusBadge } from './badges.tsx'
import { qty } from './Overview.tsx'

export function BatchList(p: {
  rows: BatchRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
  today: string
  canReceive?: boolean // may register a receipt (stock.write)
}) {
  return (
    <div id="batches-list" data-resync={p.resyncUrl} data-live-stock hx-indicator="#batches-busy">
      {
        <div class="overflow-x-auto">
          <table class="table table-cards bg-white">
            <thead>
              <tr>
                <th>Партия</th>
                <th>Материал</th>
                <th>Приход</th>
                <th>Годна до</th>
                <th class="text-right">На складе</th>
                <th class="text-right">Выдано</th>
                <th>Состояние</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.length === 0 && (
                <EmptyRow cols={7}>
                  {isFiltered(p.query) ? (
                    <NothingFound reset="/stock/batches" />
                  ) : (
                    <EmptyState
                      title="Партий пока нет"
                      hint="Партия — приход материала на склад: номер, изготовитель, срок годности, паспорт и сертификат. Остаток считается по её движениям."
                      create={
                        !!p.canReceive && { href: '/stock/batches/new', label: '+ Оформить приход' }
                      }
                    />
                  )}
                </EmptyRow>
              )}
              {p.rows.map((b) => (
                <tr id={`batch-${b.id}`}>
                  <td data-label="Партия" class="whitespace-nowrap">
                    <a class="link" href={`/stock/batches/${b.id}`}>
                      № {b.number}
                    </a>
                    <div class="text-xs text-slate-500">{b.manufacturer}</div>
                  </td>
                  <td data-label="Материал">
                    {b.material_short}
                    <div class="text-xs text-slate-500">
                      {b.warehouse_name}
                      {b.location && `, ${b.location}`}
                    </div>
                  </td>
                  <td data-label="Приход" class="whitespace-nowrap">
                    {formatDate(b.received_on)}
                    <div class="text-xs text-slate-500">{qty(b.received_qty, b.unit)}</div>
                  </td>
                  <td data-label="Годна до" class="whitespace-nowrap">
                    {formatDate(b.expires_on) || '—'}
                  </td>
                  <td data-label="На складе" class="text-right tabular-nums">
                    {qty(b.in_store, b.unit)}
                  </td>
                  <td data-label="Выдано" class="text-right tabular-nums">
                    {qty(b.on_site, b.unit)}
                  </td>
                  <td data-label="Состояние" class="space-x-1">
                    <StatusBadge status={batchStatus(b, p.today)} />
                    <IncompleteBadge hasCertificate={b.has_certificate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
      <Pager baseQuery={p.query} next={p.next} target="#batches-list" isFirst={p.isFirst} />
      <Busy id="batches-busy" />
    </div>
  )
}
