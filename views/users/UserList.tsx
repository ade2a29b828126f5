import { FilterForm, SearchBox } from '../components/FilterForm.tsx'
import { ROLE_LABELS, ROLES, type Role } from '../../src/auth/roles.ts'
import type { UserListRow } from '../../src/users/users.queries.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'

export function ActiveBadge({ active }: { active: number | boolean }) {
  return active ? (
    <span class="inline-block rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">да</span>
  ) : (
    <span class="inline-block rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-700">
      отключён
    </span>
  )
}

export function UserRow({ u }: { u: UserListRow }) {
  return (
    <tr id={domId('user', u.id)}>
      <td data-label="ФИО">
        <a class="link" href={`/admin/users/${u.id}/edit`}>
          {u.full_name}
        </a>
      </td>
      <td data-label="Логин" class="font-mono text-xs">
        {u.login}
      </td>
      <td data-label="Роль">{ROLE_LABELS[u.role as Role] ?? u.role}</td>
      <td data-label="Отдел">{u.department ?? ''}</td>
      <td data-label="Должность">{u.position ?? ''}</td>
      <td data-label="Активен">
        <ActiveBadge active={u.is_active} />
        {!!u.must_change_password && <div class="text-xs text-amber-800">временный пароль</div>}
      </td>
    </tr>
  )
}

export interface UserListProps {
  rows: UserListRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
}

export function UserList(p: UserListProps) {
  return (
    <div id="users-list" hx-indicator="#users-busy">
      {p.rows.length === 0 ? (
        isFiltered(p.query) ? (
          <NothingFound reset="/admin/users" lead="Пользователи не найдены." />
        ) : (
          <EmptyState
            title="Пользователей пока нет"
            hint="Сотрудники входят под своим логином; роль задаёт, что им можно."
            create={{ href: '/admin/users/new', label: '+ Добавить первого пользователя' }}
          />
        )
      ) : (
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              <th>ФИО</th>
              <th>Логин</th>
              <th>Роль</th>
              <th>Отдел</th>
              <th>Должность</th>
              <th>Активен</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((u) => (
              <UserRow u={u} />
            ))}
          </tbody>
        </table>
      )}
      <Pager baseQuery={p.query} next={p.next} target="#users-list" isFirst={p.isFirst} />
      <Busy id="users-busy" />
    </div>
  )
}

export function UserFilters(p: {
  q: string
  role: string
  active: string
  department: string
  departments: string[]
}) {
  return (
    <FilterForm action="/admin/users" target="#users-list">
      <SearchBox value={p.q} placeholder="Поиск: ФИО, логин, почта" />
      <select class="input sm:w-56" name="role" aria-label="Роль">
        <option value="">Все роли</option>
        {ROLES.map((r) => (
          <option value={r} selected={r === p.role}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {p.departments.length > 0 && (
        <select class="input sm:w-56" name="department" aria-label="Отдел">
          <option value="">Все отделы</option>
          {p.departments.map((d) => (
            <option value={d} selected={d === p.department}>
              {d}
            </option>
          ))}
        </select>
      )}
      <select class="input sm:w-40" name="active" aria-label="Активность">
        <option value="">Все</option>
        <option value="1" selected={p.active === '1'}>
          Активные
        </option>
        <option value="0" selected={p.active === '0'}>
          Отключённые
        </option>
      </select>
      <button class="btn" type="submit">
        Показать
      </button>
      <Busy />
    </FilterForm>
  )
}
