import type { Child } from 'hono/jsx'
import { Tabs } from '../components/Tabs.tsx'

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
      <Tabs label="Склад" current={p.current} tabs={TABS} />
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">{p.title}</h1>
        {p.actions}
      </div>
      {p.children}
    </div>
  )
}
