import type { Child } from 'hono/jsx'
import { Tabs } from '../components/Tabs.tsx'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { can } from '../../src/auth/current-user.ts'
import type { Permission } from '../../src/auth/permissions.ts'

export type AdminSection =
  | 'users'
  | 'groups'
  | 'roles'
  | 'online'
  | 'import'
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
  ['import', '/admin/import', 'Импорт из прежней программы', 'users.manage'],
  ['audit', '/admin/audit', 'Журнал аудита', 'audit.read'],
  ['document-types', '/admin/document-types', 'Типы ИД', 'documents.types'],
  ['marking-types', '/reference/marking-types', 'Типы разметки', 'reference.write'],
  ['materials', '/reference/materials', 'Материалы', 'reference.write'],
  ['crews', '/reference/crews', 'Бригады', 'reference.write'],
]

// Tabs between the admin pages; a tab the user may not open is not shown.
export function AdminNav({ user, current }: { user: CurrentUser; current: AdminSection }) {
  return (
    <Tabs
      label="Администрирование"
      current={current}
      tabs={LINKS.filter(([, , , p]) => can(user, p)).map(([k, href, label]) => [k, href, label])}
    />
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
