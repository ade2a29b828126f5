import type { Child } from 'hono/jsx'
import type { BatchRow, MovementRow } from '../../src/stock/batches.queries.ts'
import { batchStatus } from '../../src/stock/batches.queries.ts'
import { DOCUMENT_KINDS, type BatchDocumentRow } from '../../src/stock/batch-documents.ts'
import type { BatchDocumentKind } from '../../src/stock/stock.table.ts'
import { formatDate, formatDateTime, formatNumber } from '../../src/lib/format.ts'
import { IncompleteBadge, StatusBadge } from './badges.tsx'
import { MOVEMENT_LABELS } from './BatchForms.tsx'
import { qty } from './Overview.tsx'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { HistoryLink } from '../audit/HistoryLink.tsx'

function Item(p: { label: string; children: Child }) {
  return (
    <div>
      <dt class="text-xs text-slate-500">{p.label}</dt>
      <dd>{p.children || '—'}</dd>
    </div>
  )
}

// The batch's passport and balance; reloads itself when the warehouse changes.
export function BatchDetails({
  b,
  today,
  user,
}: {
  b: BatchRow
  today: string
  user?: CurrentUser
}) {
  const left = b.in_store + b.on_site
  const pct = b.received_qty > 0 ? Math.round((left / b.received_qty) * 100) : 0
  return (
    <section
      id="batch-details"
      class="card space-y-3"
      data-resync={`/stock/batches/${b.id}/details`}
      data-live-stock
    >
      <div class="flex flex-wrap items-center gap-2">
        <StatusBadge status={batchStatus(b, today)} />
        <IncompleteBadge hasCertificate={b.has_certificate} />
        {b.blocked ? <span class="text-sm text-slate-700">{b.blocked_reason}</span> : null}
      </div>
      <dl class="grid gap-3 sm:grid-cols-4">
        <Item label="На складе">
          <span class="text-lg font-semibold tabular-nums">{qty(b.in_store, b.unit)}</span>
        </Item>
        <Item label="Выдано на объекты">
          <span class="text-lg tabular-nums">{qty(b.on_site, b.unit)}</span>
        </Item>
        <Item label="Осталось от прихода">
          <span class={pct < b.threshold_pct ? 'font-semibold text-red-700' : ''}>
            {qty(left, b.unit)} ({pct} %)
          </span>
        </Item>
        <Item label="Порог контроля">{formatNumber(b.threshold_pct)} %</Item>
        <Item label="Приход">
          {formatDate(b.received_on)}, {qty(b.received_qty, b.unit)}
        </Item>
        <Item label="Склад, место">
          {b.warehouse_name}
          {b.location && `, ${b.location}`}
        </Item>
        <Item label="Изготовитель">{b.manufacturer}</Item>
        <Item label="Поставщик">{b.supplier}</Item>
        <Item label="Дата изготовления">{formatDate(b.manufactured_on)}</Item>
        <Item label="Срок хранения">
          {b.shelf_life_months ? `${b.shelf_life_months} мес.` : ''}
        </Item>
        <Item label="Годна до">{formatDate(b.expires_on)}</Item>
        <Item label="Примечание">{b.notes}</Item>
      </dl>
      <HistoryLink user={user} entity="stock_batch" id={b.id} />
    </section>
  )
}

export function BatchDocuments(p: { batchId: number; docs: BatchDocumentRow[]; upload?: Child }) {
  const byKind = (k: BatchDocumentKind) => p.docs.filter((d) => d.kind === k)
  return (
    <section class="card space-y-2" aria-labelledby="batch-docs-h">
      <h2 id="batch-docs-h" class="text-lg font-semibold">
        Документы партии
      </h2>
      <ul class="divide-y divide-slate-100">
        {(Object.keys(DOCUMENT_KINDS) as BatchDocumentKind[]).map((k) => (
          <li class="py-2">
            <div class="font-medium">{DOCUMENT_KINDS[k]}</div>
            {byKind(k).length === 0 ? (
              <div class={`text-sm ${k === 'certificate' ? 'text-red-700' : 'text-slate-500'}`}>
                {k === 'certificate' ? 'Нет — партия неполная для ИД' : 'нет'}
              </div>
            ) : (
              byKind(k).map((d) => (
                <div class="text-sm">
                  {d.number ? `№ ${d.number}` : 'без номера'}
                  {d.issued_on && ` от ${formatDate(d.issued_on)}`}
                  {d.file_id && (
                    <>
                      {' — '}
                      <a
                        class="link"
                        href={`/stock/batches/${p.batchId}/documents/${d.id}/file`}
                        target="_blank"
                      >
                        {d.original_name}
                      </a>
                    </>
                  )}
                </div>
              ))
            )}
          </li>
        ))}
      </ul>
      {p.upload}
    </section>
  )
}

export function Ledger(p: { batchId: number; rows: MovementRow[]; unit: BatchRow['unit'] }) {
  return (
    <section
      id="batch-ledger"
      aria-labelledby="ledger-h"
      data-resync={`/stock/batches/${p.batchId}/ledger`}
      data-live-stock
    >
      <h2 id="ledger-h" class="mb-2 text-lg font-semibold">
        Движения
      </h2>
      <table class="table table-cards bg-white">
        <thead>
          <tr>
            <th>Дата</th>
            <th>Операция</th>
            <th class="text-right">Склад</th>
            <th class="text-right">Объекты</th>
            <th>Куда / основание</th>
            <th>Кто</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((m) => (
            <tr>
              <td data-label="Дата" class="whitespace-nowrap">
                {formatDate(m.moved_on)}
              </td>
              <td data-label="Операция">
                {MOVEMENT_LABELS[m.kind]}
                {m.worklog_entry_id && <div class="text-xs text-slate-500">по журналу работ</div>}
              </td>
              <td data-label="Склад" class="text-right tabular-nums">
                {signed(m.store_delta, p.unit)}
              </td>
              <td data-label="Объекты" class="text-right tabular-nums">
                {signed(m.site_delta, p.unit)}
              </td>
              <td data-label="Куда">
                {m.project_code && (
                  <a class="link" href={`/projects/${m.project_id}`}>
                    {m.project_code}
                  </a>
                )}
                {m.crew_name && ` ${m.crew_name}`}
                {m.reason && <div class="text-xs text-slate-600">{m.reason}</div>}
              </td>
              <td data-label="Кто" class="text-xs text-slate-600">
                {m.by_name}
                <div>{formatDateTime(m.created_at)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

const signed = (n: number, unit: BatchRow['unit']) =>
  n === 0 ? '' : `${n > 0 ? '+' : '−'}${qty(Math.abs(n), unit)}`
