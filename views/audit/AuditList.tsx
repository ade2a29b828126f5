import {
  ACTION_LABELS,
  AUDIT_ACTIONS,
  ENTITY_TYPES,
  FILTER_KEYS,
  type AuditListRow,
} from '../../src/audit/audit.queries.ts'
import { diffRow } from '../../src/audit/audit.diff.ts'
import type { UserOption } from '../../src/users/users.queries.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'
import { AuditDiff } from './AuditDiff.tsx'
import { historyHref } from './HistoryLink.tsx'

export function AuditRowView({ r }: { r: AuditListRow }) {
  const history = r.entity_id != null ? historyHref(r.entity_type, r.entity_id) : null
  return (
    <tr id={domId('audit', r.id)}>
      <td data-label="Время" class="whitespace-nowrap">
        <a class="link" href={`/admin/audit/${r.id}`} title="Запись журнала целиком">
          {formatDateTime(r.at)}
        </a>
      </td>
      <td data-label="Кто">
        {r.user_name ?? (r.user_id ? `№ ${r.user_id}` : 'Система')}
        {r.user_login && <div class="font-mono text-xs text-slate-500">{r.user_login}</div>}
      </td>
      <td data-label="IP" class="font-mono text-xs">
        {r.ip ?? ''}
      </td>
      <td data-label="Действие">
        {ACTION_LABELS[r.action] ?? r.action}
        <div class="font-mono text-xs text-slate-500">{r.action}</div>
      </td>
      <td data-label="Объект">
        {ENTITY_TYPES[r.entity_type] ?? r.entity_type}
        {history && (
          <a class="link ml-1 break-all" href={history} title="История этого объекта">
            № {r.entity_id}
          </a>
        )}
      </td>
      <td data-label="Изменения" class="min-w-0 max-w-xl">
        <AuditDiff changes={diffRow(r)} />
      </td>
    </tr>
  )
}

export interface AuditListProps {
  rows: AuditListRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
}

// Export what the filters show: the same filters, posted (it starts a job). Inside the list
// fragment so that a filter changed through htmx changes what is exported too.
function ExportForm({ query }: { query: URLSearchParams }) {
  return (
    <form
      method="post"
      action="/admin/audit/export"
      class="no-print mb-2 flex justify-end"
      hx-disabled-elt="find button"
    >
      {FILTER_KEYS.filter((k) => query.get(k)).map((k) => (
        <input type="hidden" name={k} value={query.get(k)!} />
      ))}
      <button class="btn" type="submit">
        Выгрузить в Excel
      </button>
    </form>
  )
}

export function AuditList(p: AuditListProps) {
  return (
    <div id="audit-list" hx-indicator="#audit-busy">
      <ExportForm query={p.query} />
      {p.rows.length === 0 ? (
        isFiltered(p.query) ? (
          <NothingFound reset="/admin/audit" />
        ) : (
          <EmptyState
            title="Записей в журнале пока нет"
            hint="Журнал аудита хранит, кто, когда и откуда изменил данные, со значениями до и после. Записи появляются сами при каждом изменении."
          />
        )
      ) : (
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              <th>Время (МСК)</th>
              <th>Кто</th>
              <th>IP</th>
              <th>Действие</th>
              <th>Объект</th>
              <th>Изменения</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <AuditRowView r={r} />
            ))}
          </tbody>
        </table>
      )}
      <Pager baseQuery={p.query} next={p.next} target="#audit-list" isFirst={p.isFirst} />
      <Busy id="audit-busy" />
    </div>
  )
}

export interface AuditFilterValues {
  action: string
  entity: string
  entity_id: string
  user: string
  from: string
  to: string
  q: string
}

export function AuditFilters({ f, users }: { f: AuditFilterValues; users: UserOption[] }) {
  return (
    <form
      method="get"
      action="/admin/audit"
      class="no-print grid grid-cols-1 gap-2 sm:flex sm:flex-wrap sm:items-end"
      hx-get="/admin/audit"
      hx-target="#audit-list"
      hx-swap="outerHTML"
      hx-trigger="change, submit"
      hx-push-url="true"
    >
      <select class="input sm:w-56" name="action" aria-label="Действие">
        <option value="">Все действия</option>
        {AUDIT_ACTIONS.map(([family, label, actions]) => (
          <optgroup label={label}>
            <option value={family} selected={f.action === family}>
              {label}: все
            </option>
            {actions.map(([a, l]) => (
              <option value={a} selected={f.action === a}>
                {l}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <select class="input sm:w-44" name="entity" aria-label="Объект">
        <option value="">Все объекты</option>
        {Object.entries(ENTITY_TYPES).map(([v, l]) => (
          <option value={v} selected={f.entity === v}>
            {l}
          </option>
        ))}
      </select>
      <input
        class="input sm:w-28"
        name="entity_id"
        value={f.entity_id}
        placeholder="№ записи"
        aria-label="Номер записи"
      />
      <select class="input sm:w-56" name="user" aria-label="Пользователь">
        <option value="">Все пользователи</option>
        <option value="0" selected={f.user === '0'}>
          Система / без входа
        </option>
        {users.map((u) => (
          <option value={String(u.id)} selected={f.user === String(u.id)}>
            {u.full_name}
          </option>
        ))}
      </select>
      <label class="text-sm">
        с <input class="input inline-block w-auto" type="date" name="from" value={f.from} />
      </label>
      <label class="text-sm">
        по <input class="input inline-block w-auto" type="date" name="to" value={f.to} />
      </label>
      <input
        class="input sm:w-56"
        type="search"
        name="q"
        value={f.q}
        placeholder="Поиск по значениям"
        aria-label="Поиск по значениям"
      />
      <button class="btn" type="submit">
        Показать
      </button>
      <Busy />
      {Object.values(f).some(Boolean) && (
        <a class="btn" href="/admin/audit">
          Сбросить
        </a>
      )}
    </form>
  )
}
