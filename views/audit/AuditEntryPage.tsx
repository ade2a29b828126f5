import { ACTION_LABELS, ENTITY_TYPES, type AuditListRow } from '../../src/audit/audit.queries.ts'
import { diffRow } from '../../src/audit/audit.diff.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { AuditDiff } from './AuditDiff.tsx'
import { historyHref } from './HistoryLink.tsx'

// Stored JSON (text on SQLite, jsonb text on PostgreSQL), indented for reading.
function pretty(v: string | null) {
  if (v == null) return null
  try {
    return JSON.stringify(JSON.parse(v), null, 2)
  } catch {
    return v
  }
}

function Json({ title, text, tone }: { title: string; text: string | null; tone: string }) {
  return (
    <section class="min-w-0">
      <h2 class="mb-1 font-semibold">{title}</h2>
      {text ? (
        <pre
          class={`overflow-x-auto whitespace-pre-wrap break-all rounded p-2 text-xs ${tone}`}
          data-audit-json={title}
        >
          {text}
        </pre>
      ) : (
        <p class="text-sm text-slate-500">нет значений</p>
      )}
    </section>
  )
}

// One audit entry with everything it holds: who, when, from where, and the full before/after.
export function AuditEntryPage({ r }: { r: AuditListRow }) {
  const who = r.user_name ?? (r.user_id ? `№ ${r.user_id}` : 'Система')
  return (
    <div class="space-y-3" id={`audit-entry-${r.id}`}>
      <dl class="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt class="text-slate-500">Время (МСК)</dt>
        <dd>{formatDateTime(r.at)}</dd>
        <dt class="text-slate-500">Кто</dt>
        <dd>
          {who}
          {r.user_login && (
            <span class="ml-1 font-mono text-xs text-slate-500">{r.user_login}</span>
          )}
        </dd>
        <dt class="text-slate-500">IP</dt>
        <dd class="font-mono">{r.ip ?? '—'}</dd>
        <dt class="text-slate-500">Запрос</dt>
        <dd class="font-mono text-xs">{r.request_id ?? '—'}</dd>
        <dt class="text-slate-500">Действие</dt>
        <dd>
          {ACTION_LABELS[r.action] ?? r.action}{' '}
          <span class="font-mono text-xs text-slate-500">{r.action}</span>
        </dd>
        <dt class="text-slate-500">Объект</dt>
        <dd>
          {ENTITY_TYPES[r.entity_type] ?? r.entity_type}
          {r.entity_id != null && (
            <a class="link ml-1" href={historyHref(r.entity_type, r.entity_id)}>
              № {r.entity_id}: вся история
            </a>
          )}
        </dd>
      </dl>
      <section class="card">
        <h2 class="mb-2 font-semibold">Что изменилось</h2>
        <AuditDiff changes={diffRow(r)} />
      </section>
      <div class="grid gap-3 md:grid-cols-2">
        <Json title="До" text={pretty(r.before)} tone="bg-amber-50" />
        <Json title="После" text={pretty(r.after)} tone="bg-blue-50" />
      </div>
      <a class="link" href="/admin/audit">
        ← К журналу
      </a>
    </div>
  )
}
