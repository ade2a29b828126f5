import type { RequestItem } from '../../src/dashboard/dashboard.queries.ts'
import { countOf as count } from '../../src/lib/format.ts'
import { formatDate } from '../../src/lib/format.ts'
import { CONDITION_LABELS, type OpenAlert } from '../../src/stock/alerts.ts'
import { AlertBadge } from '../stock/badges.tsx'
import { qty } from '../stock/Overview.tsx'
import { Empty, More, Tile } from './Tile.tsx'

const SHOWN = 6
const batches = (n: number) => count(n, 'партия', 'партии', 'партий')
const requests = (n: number) => count(n, 'заявка', 'заявки', 'заявок')

// Low and expiring stock: the open alerts of stock control (the warehouse page lists them all).
export function StockAlertsTile({ alerts }: { alerts: OpenAlert[] }) {
  const href = '/stock#alerts-h'
  return (
    <Tile
      id="stock-alerts"
      title="Материалы: остатки и сроки"
      href={href}
      live="stock"
      count={alerts.length}
      countLabel={batches(alerts.length)}
      alert
    >
      {alerts.length === 0 ? (
        <Empty>Все партии в норме: нет низких остатков и истекающих сроков.</Empty>
      ) : (
        <>
          <ul class="divide-y divide-slate-100">
            {alerts.slice(0, SHOWN).map((a) => (
              <li class="py-2" data-alert={String(a.id)}>
                <a class="link" href={`/stock/batches/${a.batch_id}`}>
                  {a.material_name}, партия № {a.number}
                </a>
                <div class="mt-1 flex flex-wrap items-center text-xs text-slate-600">
                  <span class="mr-2">
                    <AlertBadge condition={a.condition} label={CONDITION_LABELS[a.condition]} />
                  </span>
                  <span class="mr-2">осталось {qty(a.in_store + a.on_site, a.unit)}</span>
                  {a.expires_on && <span>годна до {formatDate(a.expires_on)}</span>}
                </div>
              </li>
            ))}
          </ul>
          {alerts.length > SHOWN && <More href={href}>все {batches(alerts.length)}</More>}
        </>
      )}
    </Tile>
  )
}

// Material requests waiting for approval.
export function RequestsTile(p: { rows: RequestItem[]; total: number }) {
  const href = '/stock/requests?status=pending'
  return (
    <Tile
      id="requests"
      title="Заявки на согласовании"
      href={href}
      live="stock"
      count={p.total}
      countLabel={requests(p.total)}
    >
      {p.total === 0 ? (
        <Empty>Заявок на согласовании нет.</Empty>
      ) : (
        <>
          <ul class="divide-y divide-slate-100">
            {p.rows.map((r) => (
              <li class="py-2" data-request={String(r.id)}>
                <a class="link" href={`/stock/requests/${r.id}`}>
                  № {r.id}: {r.material}, {qty(r.quantity, r.unit)}
                </a>
                <div class="mt-1 text-xs text-slate-600">
                  {r.project_code ? <span class="mr-2 font-mono">{r.project_code}</span> : 'склад '}
                  {r.needed_by && `нужно к ${formatDate(r.needed_by)}`}
                </div>
              </li>
            ))}
          </ul>
          {p.total > p.rows.length && <More href={href}>все {requests(p.total)}</More>}
        </>
      )}
    </Tile>
  )
}
