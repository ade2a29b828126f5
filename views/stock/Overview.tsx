import type { OpenAlert } from '../../src/stock/alerts.ts'
import { CONDITION_LABELS } from '../../src/stock/alerts.ts'
import { formatDateTime, formatNumber } from '../../src/lib/format.ts'
import { round3 } from '../../src/stock/ledger.ts'
import type { MaterialUnit } from '../../src/reference/reference.table.ts'
import { UNIT_LABELS } from '../../src/stock/units.ts'
import { AlertBadge } from './badges.tsx'

export interface BalanceRow {
  material_id: number
  material_name: string
  unit: MaterialUnit
  warehouse_id: number
  warehouse_name: string
  in_store: number | string
  on_site: number | string
  batches: number | string
}

export const qty = (n: number | string | null, unit: MaterialUnit) =>
  `${formatNumber(round3(Number(n ?? 0)))} ${UNIT_LABELS[unit]}`

// Balances per material and warehouse, open alerts, and what waits for the storekeeper.
export function Overview(p: {
  balances: BalanceRow[]
  alerts: OpenAlert[]
  pendingConsumption: number
  openRequests: number
}) {
  return (
    <div id="stock-overview" class="space-y-4" data-resync="/stock" data-live-stock>
      <section class="card" aria-labelledby="alerts-h">
        <h2 id="alerts-h" class="mb-2 text-lg font-semibold">
          Контроль остатков {p.alerts.length > 0 && `(${p.alerts.length})`}
        </h2>
        {p.alerts.length === 0 ? (
          <p class="text-slate-600">Все партии в норме: нет низких остатков и истекающих сроков.</p>
        ) : (
          <ul class="divide-y divide-slate-100">
            {p.alerts.map((a) => (
              <li class="flex flex-wrap items-center gap-2 py-2" id={`stock-alert-${a.id}`}>
                <AlertBadge condition={a.condition} label={CONDITION_LABELS[a.condition]} />
                <a class="link" href={`/stock/batches/${a.batch_id}`}>
                  {a.material_name}, партия № {a.number}
                </a>
                <span class="text-sm text-slate-600">
                  осталось {qty(a.in_store + a.on_site, a.unit)} из {qty(a.received_qty, a.unit)}
                </span>
                <span class="text-xs text-slate-500">с {formatDateTime(a.raised_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div class="flex flex-wrap gap-2 text-sm">
        <a class="btn" href="/stock/consumption">
          Расход по журналу, ждёт подтверждения: {p.pendingConsumption}
        </a>
        <a class="btn" href="/stock/requests">
          Открытые заявки: {p.openRequests}
        </a>
      </div>
      <section aria-labelledby="balances-h">
        <h2 id="balances-h" class="mb-2 text-lg font-semibold">
          Остатки по материалам
        </h2>
        {p.balances.length === 0 ? (
          <p class="card text-slate-600">
            Остатков на складе нет — оформите приход партии. Израсходованные партии и их история — в
            списке «Партии».
          </p>
        ) : (
          <table class="table table-cards bg-white">
            <thead>
              <tr>
                <th>Материал</th>
                <th>Склад</th>
                <th class="text-right">На складе</th>
                <th class="text-right">Выдано на объекты</th>
                <th class="text-right">Всего</th>
                <th class="text-right">Партий с остатком</th>
              </tr>
            </thead>
            <tbody>
              {p.balances.map((b) => (
                <tr>
                  <td data-label="Материал">
                    <a
                      class="link"
                      href={`/stock/batches?material=${b.material_id}&warehouse=${b.warehouse_id}`}
                    >
                      {b.material_name}
                    </a>
                  </td>
                  <td data-label="Склад">{b.warehouse_name}</td>
                  <td data-label="На складе" class="text-right tabular-nums">
                    {qty(b.in_store, b.unit)}
                  </td>
                  <td data-label="Выдано" class="text-right tabular-nums">
                    {qty(b.on_site, b.unit)}
                  </td>
                  <td data-label="Всего" class="text-right font-semibold tabular-nums">
                    {qty(Number(b.in_store) + Number(b.on_site), b.unit)}
                  </td>
                  <td data-label="Партий с остатком" class="text-right">
                    {b.batches}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
