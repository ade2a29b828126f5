import type { Child } from 'hono/jsx'
import { domId } from '../../../src/lib/dom-id.ts'
import { formatDate, formatDateTime } from '../../../src/lib/format.ts'
import {
  quantityText,
  type RequestEvent,
  type RequestRow,
} from '../../../src/stock/requests/requests.queries.ts'
import { RequestDestination, RequestStatusBadge } from './RequestList.tsx'
import type { CurrentUser } from '../../../src/auth/current-user.ts'
import { HistoryLink } from '../../audit/HistoryLink.tsx'

const EVENT_LABELS: Record<string, string> = {
  'material_request.create': 'Заявка создана и отправлена на согласование',
  'material_request.update': 'Заявка изменена',
  'material_request.submit': 'Отправлена на согласование',
  'material_request.approve': 'Согласована',
  'material_request.reject': 'Отклонена',
  'material_request.cancel': 'Отменена',
  'material_request.fulfil': 'Выполнена',
}

// The part of an entry's «after» worth a line in the history.
function eventDetail(e: RequestEvent) {
  let after: Record<string, unknown> = {}
  try {
    after = e.after ? JSON.parse(e.after) : {}
  } catch {
    return null
  }
  if (e.action.endsWith('.fulfil') && after.batch_number)
    return `Приход: партия № ${after.batch_number}`
  if (/\.(approve|reject|cancel)$/.test(e.action)) return (after.decision_reason as string) ?? null
  return null
}

function Row(p: { label: string; children: Child }) {
  return (
    <>
      <dt class="text-slate-500">{p.label}</dt>
      <dd>{p.children}</dd>
    </>
  )
}

// The request and its history: reloads itself when the warehouse changes.
export function RequestCard({
  r,
  events,
  user,
}: {
  r: RequestRow
  events: RequestEvent[]
  user?: CurrentUser
}) {
  const decided = r.decided_at && (r.status === 'approved' || r.status === 'rejected')
  return (
    <section
      id={domId('material-request', r.id, 'card')}
      class="space-y-3"
      data-resync={`/stock/requests/${r.id}/card`}
      data-live-stock
    >
      <div>
        <h1 class="text-2xl font-semibold">Заявка на материал № {r.id}</h1>
        <div class="mt-1 flex flex-wrap items-center gap-2 text-sm">
          <RequestStatusBadge status={r.status} />
          <span class="text-slate-600">
            {r.source === 'threshold' ? 'Создана контролем остатков' : 'Заявка с объекта'}
          </span>
        </div>
      </div>
      <dl class="card grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
        <Row label="Куда">
          <RequestDestination r={r} />
        </Row>
        <Row label="Материал">{r.material_name}</Row>
        <Row label="Количество">{quantityText(r)}</Row>
        <Row label="Нужно к дате">{formatDate(r.needed_by) || '—'}</Row>
        <Row label="Обоснование">
          <span class="whitespace-pre-line">{r.reason ?? '—'}</span>
        </Row>
        {r.batch_number && (
          <Row label="Партия-причина">
            <a class="link" href={`/stock/batches/${r.batch_id}`}>
              № {r.batch_number}
            </a>
          </Row>
        )}
        <Row label="Создана">
          {formatDateTime(r.created_at)} · {r.created_by_name ?? 'Система'}
        </Row>
        {r.decided_at && (
          <Row label={decided ? 'Решение' : 'Отменил'}>
            {formatDateTime(r.decided_at)} · {r.decided_by_name ?? '—'}
            {r.decision_reason && <div class="whitespace-pre-line">{r.decision_reason}</div>}
          </Row>
        )}
        {r.fulfilled_batch_id && (
          <Row label="Выполнена">
            {formatDateTime(r.fulfilled_at)} · приход партии{' '}
            <a class="link" href={`/stock/batches/${r.fulfilled_batch_id}`}>
              № {r.fulfilled_batch_number}
            </a>
          </Row>
        )}
      </dl>
      <section class="card">
        <h2 class="mb-2 font-semibold">История</h2>
        <ol class="space-y-2">
          {events.map((e) => (
            <li class="border-l-4 border-slate-200 pl-3 text-sm">
              <div class="text-xs text-slate-500">
                {formatDateTime(e.at)} · {e.full_name ?? 'Система'}
              </div>
              <div>
                {e.action === 'material_request.create' && r.source === 'threshold'
                  ? 'Черновик создан контролем остатков'
                  : (EVENT_LABELS[e.action] ?? e.action)}
              </div>
              {eventDetail(e) && <div class="whitespace-pre-line">{eventDetail(e)}</div>}
            </li>
          ))}
        </ol>
        <HistoryLink user={user} entity="material_request" id={r.id} />
      </section>
    </section>
  )
}
