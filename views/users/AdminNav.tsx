import type { Child } from 'hono/jsx'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { can } from '../../src/auth/current-user.ts'
import type { Permission } from '../../src/auth/permissions.ts'

export type AdminSection =
  | 'users'
  | 'groups'
  | 'roles'
  | 'online'
  | 'audit'
  | 'document-types'
  | 'marking-types'
  | 'materials'
  | 'crews'

const LINKS: [AdminSection, string, string, Permission][] = [
  ['users', '/admin/users', 'Пользователи', 'users.manage'],
  ['groups', '/admin/groups', 'Группы', 'users.manage'],
  ['roles', '/admin/roles', 'Роли и права', 'users.manage'],
  ['online', '/admin/online', 'Сейчас в сети', 'users.manage'],
  ['audit', '/admin/audit', 'Журнал аудита', 'audit.read'],
  ['document-types', '/admin/document-types', 'Типы ИД', 'documents.types'],
  ['marking-types', '/reference/marking-types', 'Типы разметки', 'reference.write'],
  ['materials', '/reference/materials', 'Материалы', 'reference.write'],
  ['crews', '/reference/crews', 'Бригады', 'reference.write'],
]

// Tabs between the admin pages; a tab the user may not open is not shown.
export function AdminNav({ user, current }: { user: CurrentUser; current: AdminSection }) {
  return (
    <nav
      class="no-print mb-3 flex flex-wrap gap-1 border-b border-slate-200"
      aria-label="Администрирование"
    >
      {LINKS.filter(([, , , p]) => can(user, p)).map(([key, href, label]) => (
        <a
          href={href}
          class={`-mb-px rounded-t border px-3 py-2 text-sm ${
            key === current
              ? 'border-slate-200 border-b-white bg-white font-semibold'
              : 'border-transparent text-slate-600 hover:text-slate-900'
          }`}
          aria-current={key === current ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  )
}

// The shell of every admin page: tabs, a heading with optional actions, the content.
export function AdminPage(p: {
  user: CurrentUser
  current: AdminSection
  title: string
  actions?: Child
  children: Child
}) {
  return (
    <div class="space-y-3">
      <AdminNav user={p.user} current={p.current} />
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">{p.title}</h1>
        {p.actions}
      </div>
      {p.children}
    </div>
  )
}
