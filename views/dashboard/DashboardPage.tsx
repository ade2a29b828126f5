import type { Child } from 'hono/jsx'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { ROLE_LABELS } from '../../src/auth/roles.ts'
import { formatDate } from '../../src/lib/format.ts'

const WEEKDAYS = ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье']
const weekdayOf = (d: string) => WEEKDAYS[(new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7]

// The home page: the main column (charts) and the side column (what needs attention today).
export function DashboardPage(p: {
  user: CurrentUser
  today: string
  main: Child[]
  side: Child[]
  sideFirstOnPhone?: boolean
}) {
  const nothing = !p.main.length && !p.side.length
  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-baseline justify-between">
        <h1 class="mr-4 text-2xl font-semibold">Главная</h1>
        <p class="text-sm text-slate-600">
          {ROLE_LABELS[p.user.role]} · сегодня {formatDate(p.today)}, {weekdayOf(p.today)}
        </p>
      </div>
      {nothing ? (
        <p class="card text-slate-700">
          Для вашей роли на главной странице ничего нет.{' '}
          <a class="link" href="/projects">
            Перейти к проектам
          </a>
        </p>
      ) : (
        <div class="grid grid-cols-1 gap-4 lg:grid-cols-3">
          {p.main.length > 0 && (
            <div class={`min-w-0 space-y-4 ${p.side.length ? 'lg:col-span-2' : 'lg:col-span-3'}`}>
              {p.main}
            </div>
          )}
          {p.side.length > 0 && (
            <div
              class={`min-w-0 space-y-4 ${p.sideFirstOnPhone ? 'order-first lg:order-none' : ''} ${
                p.main.length ? '' : 'lg:col-span-3'
              }`}
            >
              {p.side}
            </div>
          )}
        </div>
      )}
    </div>
  )
}
