import type { Child } from 'hono/jsx'
import { ACTION_LABELS, ENTITY_TYPES } from '../../src/audit/audit.queries.ts'
import { ROLE_LABELS } from '../../src/auth/roles.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import type {
  ActivityRow,
  SessionListRow,
  UserProjectRow,
} from '../../src/users/user-page.queries.ts'
import type { UserRow } from '../../src/users/users.table.ts'
import { ActiveBadge } from './UserList.tsx'

function Card(p: { id: string; title: string; children: Child }) {
  return (
    <section class="card space-y-2" id={p.id} aria-labelledby={`${p.id}-h`}>
      <h2 id={`${p.id}-h`} class="font-semibold">
        {p.title}
      </h2>
      {p.children}
    </section>
  )
}

// An administrator's view of one person: who they are, what they may see, what they did.
export function UserPage(p: {
  u: UserRow
  online: boolean
  groups: { id: number; name: string }[]
  projects: UserProjectRow[]
  allProjects: boolean // the role sees every project (projects.all)
  projectOptions: { id: number; code: string; short_name: string }[]
  activity: ActivityRow[]
  sessions: SessionListRow[]
  canReadAudit: boolean
}) {
  const { u } = p
  const base = `/admin/users/${u.id}`
  return (
    <div class="grid grid-cols-1 gap-3 lg:grid-cols-3">
      <div class="space-y-3 lg:col-span-2">
        <Card id="user-summary" title="Сотрудник">
          <dl class="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
            <div>
              <dt class="text-slate-500">Логин</dt>
              <dd class="font-mono">{u.login}</dd>
            </div>
            <div>
              <dt class="text-slate-500">Роль</dt>
              <dd>{ROLE_LABELS[u.role]}</dd>
            </div>
            <div>
              <dt class="text-slate-500">Организация, отдел, должность</dt>
              <dd>{[u.company, u.department, u.position].filter(Boolean).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt class="text-slate-500">Связь</dt>
              <dd>{[u.phone, u.email].filter(Boolean).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt class="text-slate-500">Состояние</dt>
              <dd class="space-x-2">
                <ActiveBadge active={u.is_active} />
                {p.online && <span class="text-green-700">● в сети</span>}
                {!!u.must_change_password && (
                  <span class="text-amber-800">временный пароль не сменён</span>
                )}
              </dd>
            </div>
          </dl>
          <a class="btn" href={`${base}/edit`}>
            Изменить профиль, роль, пароль
          </a>
        </Card>
        <Card id="user-projects" title={`Проекты (${p.projects.length})`}>
          {p.allProjects && (
            <p class="text-sm text-slate-700">
              Роль даёт доступ ко всем проектам; ниже — проекты, где сотрудник назначен участником.
            </p>
          )}
          {p.projects.length === 0 ? (
            <p class="text-sm text-slate-600">
              {p.allProjects
                ? 'Участником проектов не назначен.'
                : 'Нет доступа ни к одному проекту.'}
            </p>
          ) : (
            <ul class="divide-y text-sm">
              {p.projects.map((r) => (
                <li class="flex flex-wrap items-center justify-between gap-2 py-1">
                  <span>
                    <a class="link" href={`/projects/${r.id}`}>
                      {r.code}
                    </a>{' '}
                    {r.short_name}
                    {r.group_name && (
                      <span class="ml-1 text-xs text-slate-500">через группу «{r.group_name}»</span>
                    )}
                  </span>
                  {!r.group_id && (
                    <form method="post" action={`${base}/projects/${r.member_id}/delete`}>
                      <button class="btn" type="submit" aria-label={`Убрать доступ к ${r.code}`}>
                        Убрать
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          <form
            method="post"
            action={`${base}/projects`}
            class="flex flex-wrap items-end gap-2"
            hx-disabled-elt="find button[type=submit]"
          >
            <label class="text-sm">
              <span class="label">Дать доступ к проекту</span>
              <select name="project_id" class="input">
                <option value="">— выберите проект —</option>
                {p.projectOptions.map((o) => (
                  <option value={String(o.id)}>
                    {o.code} {o.short_name}
                  </option>
                ))}
              </select>
            </label>
            <button class="btn" type="submit">
              Добавить
            </button>
          </form>
        </Card>
        <Card id="user-activity" title="Последние действия">
          {p.activity.length === 0 ? (
            <p class="text-sm text-slate-600">Действий пока нет.</p>
          ) : (
            <ul class="divide-y text-sm">
              {p.activity.map((a) => (
                <li class="py-1">
                  <span class="text-xs text-slate-500">{formatDateTime(a.at)}</span>{' '}
                  {ACTION_LABELS[a.action] ?? a.action}
                  {a.entity_type && (
                    <span class="text-slate-600">
                      {' '}
                      — {ENTITY_TYPES[a.entity_type] ?? a.entity_type} {a.entity_id}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {p.canReadAudit && (
            <a class="link text-sm" href={`/admin/audit?user=${u.id}`}>
              Все действия в журнале аудита
            </a>
          )}
        </Card>
      </div>
      <aside class="space-y-3">
        <Card id="user-groups" title="Группы">
          {p.groups.length === 0 ? (
            <p class="text-sm text-slate-600">Не состоит в группах.</p>
          ) : (
            <ul class="text-sm">
              {p.groups.map((g) => (
                <li>
                  <a class="link" href={`/admin/groups/${g.id}`}>
                    {g.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="user-sessions" title="Активные сеансы">
          {p.sessions.length === 0 ? (
            <p class="text-sm text-slate-600">Нет активных сеансов.</p>
          ) : (
            <SessionRows sessions={p.sessions} action={(id) => `${base}/sessions/${id}/revoke`} />
          )}
        </Card>
      </aside>
    </div>
  )
}

export function SessionRows(p: {
  sessions: SessionListRow[]
  action: (id: string) => string
  showUser?: boolean
}) {
  return (
    <ul class="divide-y text-sm">
      {p.sessions.map((s) => (
        <li class="flex flex-wrap items-center justify-between gap-2 py-2">
          <div>
            {p.showUser && (
              <a class="link" href={`/admin/users/${s.user_id}`}>
                {s.full_name}
              </a>
            )}
            <div class="text-xs">{s.user_agent ?? 'Неизвестное устройство'}</div>
            <div class="text-xs text-slate-500">
              IP {s.ip ?? '—'} · вход {formatDateTime(s.created_at)} · активность{' '}
              {formatDateTime(s.last_seen_at)}
            </div>
          </div>
          <form method="post" action={p.action(s.id)}>
            <button class="btn" type="submit">
              Завершить
            </button>
          </form>
        </li>
      ))}
    </ul>
  )
}
