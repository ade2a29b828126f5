import type { PendingRow } from '../../src/stock/consumption.queries.ts'
import { formatDate, formatNumber } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, noDoubleSubmit } from '../components/ListStates.tsx'
import { qty } from './Overview.tsx'

const projectParam = (q: URLSearchParams) => {
  const id = Number(q.get('project'))
  return Number.isInteger(id) && id > 0 ? `?project=${id}` : ''
}

// Work-log lines waiting for their consumption: the estimate (m² × norm) is offered, the
// foreman or storekeeper confirms it or types what was really used.
export function ConsumptionList(p: {
  rows: PendingRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
  canConfirm: boolean
  errors?: Record<number, { value: string; message: string }>
}) {
  return (
    <div
      id="consumption-list"
      data-resync={p.resyncUrl}
      data-live-stock
      hx-indicator="#consumption-busy"
    >
      {p.rows.length === 0 ? (
        <p class="card text-slate-600">
          Весь расход по журналу работ подтверждён. Когда прораб укажет в журнале партию со склада,
          расход появится здесь.
        </p>
      ) : (
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              <th>Дата</th>
              <th>Объект</th>
              <th>Партия</th>
              <th class="text-right">Выполнено</th>
              <th>Расход</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => {
              const err = p.errors?.[r.id]
              const value =
                err?.value ?? (r.estimate == null ? '' : String(r.estimate).replace('.', ','))
              return (
                <tr id={`consumption-${r.id}`}>
                  <td data-label="Дата" class="whitespace-nowrap">
                    {formatDate(r.work_date)}
                  </td>
                  <td data-label="Объект">
                    <a class="link" href={`/projects/${r.project_id}/worklog`}>
                      {r.project_code}
                    </a>{' '}
                    {r.project_name}
                    {r.crew_name && <div class="text-xs text-slate-500">{r.crew_name}</div>}
                  </td>
                  <td data-label="Партия">
                    <a class="link" href={`/stock/batches/${r.batch_id}`}>
                      {r.material_short}, № {r.batch_number}
                    </a>
                    <div class="text-xs text-slate-500">
                      на складе {qty(r.in_store, r.unit)}, выдано {qty(r.on_site, r.unit)}
                    </div>
                  </td>
                  <td data-label="Выполнено" class="text-right tabular-nums">
                    {formatNumber(r.area_m2)} м²
                  </td>
                  <td data-label="Расход">
                    {p.canConfirm ? (
                      <form
                        {...noDoubleSubmit}
                        method="post"
                        action={`/stock/consumption/${r.id}${projectParam(p.query)}`}
                        class="flex flex-wrap items-start gap-2"
                      >
                        <div>
                          <input
                            name="quantity"
                            value={value}
                            inputmode="decimal"
                            class={`input w-28 ${err ? 'input-error' : ''}`}
                            aria-label={`Расход, ${r.unit === 'l' ? 'л' : 'кг'}`}
                            aria-invalid={err ? 'true' : undefined}
                          />
                          {err && <p class="field-error">{err.message}</p>}
                          {r.estimate != null && (
                            <p class="text-xs text-slate-500">
                              по норме: {qty(r.estimate, r.unit)}
                            </p>
                          )}
                        </div>
                        <button class="btn btn-primary" type="submit">
                          Подтвердить
                        </button>
                      </form>
                    ) : r.estimate != null ? (
                      `по норме ${qty(r.estimate, r.unit)}`
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <Pager baseQuery={p.query} next={p.next} target="#consumption-list" isFirst={p.isFirst} />
      <Busy id="consumption-busy" />
    </div>
  )
}
