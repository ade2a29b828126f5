import type { Child } from 'hono/jsx'
import { Tabs } from '../components/Tabs.tsx'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { can } from '../../src/auth/current-user.ts'
import { AdminPage } from '../users/AdminNav.tsx'

export type ReferenceSection = 'marking-types' | 'materials' | 'crews'

const TABS: [ReferenceSection, string, string][] = [
  ['marking-types', '/reference/marking-types', 'Типы разметки'],
  ['materials', '/reference/materials', 'Материалы'],
  ['crews', '/reference/crews', 'Бригады'],
]

// Those who keep the reference see it among the admin tabs; everyone else reads it with tabs
// of its own three pages.
export function ReferencePage(p: {
  user: CurrentUser
  current: ReferenceSection
  title: string
  actions?: Child
  children: Child
}) {
  if (can(p.user, 'reference.write')) return <AdminPage {...p} />
  return (
    <div class="space-y-3">
      <Tabs label="Справочники" current={p.current} tabs={TABS} />
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">{p.title}</h1>
        {p.actions}
      </div>
      {p.children}
    </div>
  )
}

export function Notice({ text }: { text?: string }) {
  if (!text) return null
  return (
    <div role="alert" class="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
      {text}
    </div>
  )
}
