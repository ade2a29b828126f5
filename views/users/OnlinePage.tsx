import { ROLE_LABELS } from '../../src/auth/roles.ts'
import { countOf, formatDateTime } from '../../src/lib/format.ts'
import type { OnlineRow, SessionListRow } from '../../src/users/user-page.queries.ts'
import { SessionRows } from './UserPage.tsx'

export function OnlinePage(p: {
  online: OnlineRow[]
  sessions: SessionListRow[]
  currentSession?: string
}) {
  const others = p.sessions.filter((s) => s.id !== p.currentSession)
  return (
    <div class="grid grid-cols-1 gap-3 lg:grid-cols-2">
      <section class="card space-y-2" id="online-users" aria-labelledby="online-users-h">
        <h2 id="online-users-h" class="font-semibold">
          Открыта страница сейчас ({p.online.length})
        </h2>
        {p.online.length === 0 ? (
          <p class="text-sm text-slate-600">Сейчас ни у кого не открыта страница.</p>
        ) : (
          <ul class="divide-y text-sm">
            {p.online.map((u) => (
              <li class="flex flex-wrap justify-between gap-2 py-1">
                <span>
                  <span class="text-green-700">●</span>{' '}
                  <a class="link" href={`/admin/users/${u.id}`}>
                    {u.full_name}
                  </a>{' '}
                  <span class="text-xs text-slate-500">{ROLE_LABELS[u.role]}</span>
                </span>
                <span class="text-xs text-slate-500">
                  {countOf(u.pages, 'страница', 'страницы', 'страниц')},{' '}
                  {formatDateTime(String(u.seen_at))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card space-y-2" id="all-sessions" aria-labelledby="all-sessions-h">
        <h2 id="all-sessions-h" class="font-semibold">
          Активные сеансы ({p.sessions.length})
        </h2>
        <p class="text-xs text-slate-500">
          Завершённый сеанс требует войти снова; открытые страницы этого сеанса закрываются сразу.
        </p>
        <SessionRows
          sessions={others}
          action={(id) => `/admin/online/sessions/${id}/revoke`}
          showUser
        />
      </section>
    </div>
  )
}
