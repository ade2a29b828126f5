import type { Child } from 'hono/jsx'

export type StockSection = 'overview' | 'batches' | 'consumption' | 'requests'

const TABS: [StockSection, string, string][] = [
  ['overview', '/stock', 'Остатки и контроль'],
  ['batches', '/stock/batches', 'Партии'],
  ['consumption', '/stock/consumption', 'Расход по журналу'],
  ['requests', '/stock/requests', 'Заявки'],
]

// The warehouse section: its tabs, a title with actions, the page.
export function StockPage(p: {
  current: StockSection
  title: string
  actions?: Child
  children: Child
}) {
  return (
    <div class="space-y-3">
      <nav class="no-print mb-3 flex flex-wrap gap-1 border-b border-slate-200" aria-label="Склад">
        {TABS.map(([key, href, label]) => (
          <a
            href={href}
            class={`-mb-px rounded-t border px-3 py-2 text-sm ${
              key === p.current
                ? 'border-slate-200 border-b-white bg-white font-semibold'
                : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
            aria-current={key === p.current ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">{p.title}</h1>
        {p.actions}
      </div>
      {p.children}
    </div>
  )
}
