import type { CurrentUser } from '../../src/auth/current-user.ts'
import { can } from '../../src/auth/current-user.ts'
import { ROLE_LABELS } from '../../src/auth/roles.ts'
import { shortName } from '../../src/lib/format.ts'
import { useRequestContext } from 'hono/jsx-renderer'
import { Bell } from '../notifications/Bell.tsx'
import { ShiftButton } from '../shifts/ShiftButton.tsx'

interface Section {
  label: string
  short?: string // in the header row of screens narrower than 1536 px, so it stays one row
  href?: string | ((u: CurrentUser) => string) // sections without href come with later releases
  show?: (u: CurrentUser) => boolean
}

const SECTIONS: Section[] = [
  { label: 'Проекты', href: '/projects' },
  { label: 'Заказчики', href: '/customers', show: (u) => can(u, 'customers.read') },
  {
    label: 'Исполнительная документация',
    short: 'Документы',
    href: '/documents',
    show: (u) => can(u, 'documents.read'),
  },
  { label: 'Журнал работ', href: '/worklog', show: (u) => can(u, 'worklog.read') },
  { label: 'ГПР', href: '/gpr', show: (u) => can(u, 'worklog.read') },
  { label: 'Склад', href: '/stock', show: (u) => can(u, 'stock.read') },
  { label: 'Замечания', href: '/remarks', show: (u) => can(u, 'remarks.read') },
  {
    label: 'Администрирование',
    short: 'Управление',
    href: (u) => (can(u, 'users.manage') ? '/admin/users' : '/admin/audit'),
    show: (u) => can(u, 'users.manage') || can(u, 'audit.read'),
  },
]

function Links({ user, ...p }: { user: CurrentUser; compact?: boolean }) {
  return (
    <>
      {SECTIONS.filter((s) => !s.show || s.show(user)).map((s) =>
        s.href ? (
          <a
            href={typeof s.href === 'function' ? s.href(user) : s.href}
            class={`block rounded py-2 hover:bg-slate-700 ${p.compact ? 'px-1.5 2xl:px-2' : 'px-2'}`}
            title={p.compact && s.short ? s.label : undefined}
          >
            {p.compact && s.short ? (
              <>
                <span class="2xl:hidden">{s.short}</span>
                <span class="hidden 2xl:inline">{s.label}</span>
              </>
            ) : (
              s.label
            )}
          </a>
        ) : (
          <span class="block px-2 py-2 text-slate-400" title="Раздел появится в следующих версиях">
            {s.label}
          </span>
        ),
      )}
    </>
  )
}

// The page the header's forms return to: this page when it was a GET, else its path.
function currentPath() {
  try {
    const { req } = useRequestContext()
    const url = new URL(req.url)
    return url.pathname + (req.method === 'GET' ? url.search : '')
  } catch {
    return '/' // rendered outside a request
  }
}

// `unread` and the open shift are selected with the user (loadCurrentUser); the bell then
// updates live.
export function Nav({ user }: { user: CurrentUser & { unread?: number } }) {
  const shift = user.open_shift_started_at ?? null
  const back = currentPath()
  return (
    <header class="no-print bg-slate-800 text-white">
      <div class="mx-auto flex max-w-7xl items-center gap-2 px-3 sm:px-6">
        <a href="/" class="py-3 font-bold">
          Строд-Сервис
        </a>
        <nav class="hidden flex-1 flex-wrap items-center text-sm lg:flex" aria-label="Разделы">
          <Links user={user} compact />
        </nav>
        <div class="ml-auto flex items-center gap-2 text-sm">
          <ShiftButton startedAt={shift} back={back} />
          <Bell unread={user.unread ?? 0} />
          <a href="/account" class="hidden underline sm:inline" title={ROLE_LABELS[user.role]}>
            {shortName(user.full_name)}
          </a>
          <form method="post" action="/logout" class="inline">
            <button class="rounded px-2 py-2 hover:bg-slate-700" type="submit">
              Выйти
            </button>
          </form>
        </div>
        <details class="relative lg:hidden">
          <summary class="cursor-pointer list-none rounded px-3 py-2 hover:bg-slate-700">
            ☰ Меню
          </summary>
          <nav
            class="absolute right-0 z-20 w-64 rounded bg-slate-800 p-2 text-sm shadow-lg"
            aria-label="Разделы"
          >
            <Links user={user} />
            <a href="/shifts" class="block rounded px-2 py-2 hover:bg-slate-700">
              Мой табель
            </a>
            <a href="/account" class="block rounded px-2 py-2 hover:bg-slate-700">
              Мой профиль
            </a>
          </nav>
        </details>
      </div>
      <div class="mx-auto max-w-7xl px-3 text-sm sm:hidden">
        <ShiftButton startedAt={shift} back={back} bar />
      </div>
    </header>
  )
}
