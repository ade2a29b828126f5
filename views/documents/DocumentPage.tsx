import type { Child } from 'hono/jsx'
import { can, type CurrentUser } from '../../src/auth/current-user.ts'
import type { DocumentListRow } from '../../src/documents/documents.queries.ts'
import { CONDITIONS, METHODS } from '../../src/documents/documents.schema.ts'
import type { LockInfo } from '../../src/live/locks.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDate, formatDateTime, formatNumber } from '../../src/lib/format.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { emptyForm, type FormState } from '../components/Field.tsx'
import { LockSlot } from '../live/LockNotice.tsx'
import { Presence } from '../live/Presence.tsx'
import { HistoryLink } from '../audit/HistoryLink.tsx'
import { StateBadge } from './DocumentList.tsx'
import { ReturnFields, ShipmentFields } from './MovementForms.tsx'

export interface HistoryRow {
  id: number
  kind: 'shipment' | 'return'
  on_date: string
  recipient: string | null
  method: string | null
  condition: string | null
  notes: string | null
  created_at: string
  transmittal_id: number | null
  transmittal_number: string | null
  by_name: string | null
}

export const documentLockProps = (d: { id: number }, me: CurrentUser, lock: LockInfo | null) => ({
  baseId: domId('document', d.id),
  lock,
  me,
  canEdit: can(me, 'documents.write'),
  canBreak: can(me, 'locks.break'),
  editHref: `/documents/${d.id}/edit`,
  breakAction: `/documents/${d.id}/lock/break`,
})

export function DocumentCard(p: {
  d: DocumentListRow
  me: CurrentUser
  lock: LockInfo | null
  overdue: boolean
}) {
  const d = p.d
  return (
    <section
      id={domId('document', d.id, 'card')}
      class="space-y-3"
      data-resync={`/documents/${d.id}/card`}
    >
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div>
          <div class="text-sm text-slate-500">
            <a class="link" href={`/projects/${d.project_id}/documents`}>
              {d.project_code} {d.project_name}
            </a>{' '}
            · {d.type_name}
          </div>
          <h1 class="text-2xl font-semibold">
            № {d.number} — {d.title}
          </h1>
        </div>
        <LockSlot {...documentLockProps(d, p.me, p.lock)} />
      </div>
      <dl class="card grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
        <dt class="text-slate-500">Состояние</dt>
        <dd>
          <StateBadge state={d.state} overdue={p.overdue} />
          {d.state === 'shipped' && ` ${d.recipient}, с ${formatDate(d.shipped_on)}`}
          {d.state === 'returned' &&
            ` ${formatDate(d.returned_on)}, ${CONDITIONS[d.condition as keyof typeof CONDITIONS] ?? ''}`}
        </dd>
        <dt class="text-slate-500">Дата документа</dt>
        <dd>{formatDate(d.doc_date) || '—'}</dd>
        <dt class="text-slate-500">Листов</dt>
        <dd>{d.sheets != null ? formatNumber(d.sheets) : '—'}</dd>
        <dt class="text-slate-500">Примечание</dt>
        <dd class="whitespace-pre-line">{d.notes ?? '—'}</dd>
        <dt class="text-slate-500">Изменён</dt>
        <dd>{formatDateTime(d.updated_at)}</dd>
      </dl>
    </section>
  )
}

export function DocumentHistory({ id, rows }: { id: number; rows: HistoryRow[] }) {
  return (
    <section id={domId('document', id, 'history')} class="card">
      <h2 class="mb-2 font-semibold">История движения</h2>
      {rows.length === 0 ? (
        <p class="text-slate-600">Документ не отправлялся.</p>
      ) : (
        <table class="table table-cards">
          <thead>
            <tr>
              <th>Дата</th>
              <th>Событие</th>
              <th>Кому / состояние</th>
              <th>Акт</th>
              <th>Записал</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td data-label="Дата">{formatDate(m.on_date)}</td>
                <td data-label="Событие">
                  {m.kind === 'shipment' ? 'Отправлен' : 'Возвращён'}
                  {m.method && ` (${METHODS[m.method as keyof typeof METHODS] ?? m.method})`}
                </td>
                <td data-label="Кому / состояние">
                  {m.kind === 'shipment'
                    ? m.recipient
                    : (CONDITIONS[m.condition as keyof typeof CONDITIONS] ?? m.condition)}
                  {m.notes && <div class="text-xs text-slate-500">{m.notes}</div>}
                </td>
                <td data-label="Акт">
                  {m.transmittal_id ? (
                    <a class="link" href={`/transmittals/${m.transmittal_id}`}>
                      {m.transmittal_number}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="Записал" class="text-sm">
                  {m.by_name ?? '—'}
                  <div class="text-xs text-slate-500">{formatDateTime(m.created_at)}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function MovementPanel(p: { d: DocumentListRow; form?: FormState }) {
  const d = p.d
  const form =
    p.form ??
    emptyForm({
      on_date: moscowToday(), // the day in Moscow, not in UTC
      method: 'hand',
      condition: 'signed',
    })
  const kind = d.state === 'shipped' ? 'return' : 'ship'
  return (
    <section class="card no-print" id={domId('document', d.id, 'movement')}>
      <h2 class="mb-2 font-semibold">
        {kind === 'ship' ? 'Отправить заказчику' : 'Зарегистрировать возврат'}
      </h2>
      {form.errors._form && (
        <p role="alert" class="mb-2 rounded bg-red-50 px-3 py-2 text-red-900">
          {form.errors._form}
        </p>
      )}
      <form
        method="post"
        action={`/documents/${d.id}/${kind}`}
        class="space-y-3"
        hx-disabled-elt="find button[type=submit]"
      >
        {kind === 'ship' ? <ShipmentFields form={form} /> : <ReturnFields form={form} />}
        <button class="btn btn-primary" type="submit">
          {kind === 'ship' ? 'Отправить' : 'Вернуть'}
        </button>
      </form>
    </section>
  )
}

export function DocumentPage(p: {
  d: DocumentListRow
  me: CurrentUser
  lock: LockInfo | null
  overdue: boolean
  history: HistoryRow[]
  present: { id: number; full_name: string }[]
  movementForm?: FormState
  files?: Child
}) {
  return (
    <div class="space-y-4">
      <nav class="no-print flex flex-wrap items-center justify-between gap-2 text-sm">
        <a class="link" href={`/projects/${p.d.project_id}/documents`}>
          ← Реестр ИД проекта
        </a>
        <Presence stream={`document:${p.d.id}`} users={p.present} meId={p.me.id} />
      </nav>
      <DocumentCard d={p.d} me={p.me} lock={p.lock} overdue={p.overdue} />
      <HistoryLink user={p.me} entity="document" id={p.d.id} />
      <div class="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {can(p.me, 'documents.write') && <MovementPanel d={p.d} form={p.movementForm} />}
        {p.files}
      </div>
      <DocumentHistory id={p.d.id} rows={p.history} />
    </div>
  )
}
