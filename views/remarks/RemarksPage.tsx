import type { Child } from 'hono/jsx'
import type { RemarkQuery } from '../../src/remarks/remarks.schema.ts'
import { PRIORITIES, STATUSES } from '../../src/remarks/remarks.schema.ts'
import { formatNumber } from '../../src/lib/format.ts'
import { FilterForm, SearchBox } from '../components/FilterForm.tsx'
import { Busy } from '../components/ListStates.tsx'
import { RemarkList, type RemarkListProps } from './RemarkList.tsx'

export interface Summary {
  byStatus: Record<string, number>
  overdue: number
  avgDaysToClose: number | null
}

export function RemarkSummary({ s }: { s: Summary }) {
  return (
    <section class="card flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Сводка">
      {Object.entries(STATUSES).map(([k, label]) => (
        <span>
          {label}: <strong>{s.byStatus[k] ?? 0}</strong>
        </span>
      ))}
      <span class={s.overdue ? 'text-red-700' : ''}>
        Просрочено: <strong>{s.overdue}</strong>
      </span>
      <span>
        Среднее время до закрытия:{' '}
        <strong>
          {s.avgDaysToClose == null
            ? '—'
            : `${formatNumber(Math.round(s.avgDaysToClose * 10) / 10)} дн.`}
        </strong>
      </span>
    </section>
  )
}

export function RemarksPage(p: {
  title: string
  subtitle?: Child
  base: string
  q: RemarkQuery
  list: RemarkListProps
  summary?: Summary
  chart?: Child // opened and closed per week (RemarksChart)
  users: { id: number; full_name: string }[]
  actions?: Child
}) {
  const q = p.q
  return (
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 class="text-2xl font-semibold">{p.title}</h1>
          {p.subtitle}
        </div>
        <div class="no-print flex flex-wrap gap-2">{p.actions}</div>
      </div>
      {p.summary && <RemarkSummary s={p.summary} />}
      {p.chart}
      <FilterForm action={p.base} target="#remarks-list">
        <SearchBox value={q.q ?? ''} placeholder="Поиск: номер, суть, место" />
        <select class="input sm:w-44" name="status" aria-label="Статус">
          <option value="">Все статусы</option>
          <option value="open" selected={q.status === 'open'}>
            Открытые
          </option>
          {Object.entries(STATUSES).map(([v, l]) => (
            <option value={v} selected={q.status === v}>
              {l}
            </option>
          ))}
        </select>
        <select class="input sm:w-40" name="priority" aria-label="Приоритет">
          <option value="">Любой приоритет</option>
          {Object.entries(PRIORITIES).map(([v, l]) => (
            <option value={v} selected={q.priority === v}>
              {l}
            </option>
          ))}
        </select>
        <select class="input sm:w-52" name="assignee" aria-label="Исполнитель">
          <option value="">Все исполнители</option>
          {p.users.map((u) => (
            <option value={String(u.id)} selected={q.assignee === u.id}>
              {u.full_name}
            </option>
          ))}
        </select>
        <label class="flex items-center gap-1 text-sm">
          <input type="checkbox" name="mine" value="1" checked={!!q.mine} /> Мои
        </label>
        <label class="flex items-center gap-1 text-sm">
          <input type="checkbox" name="overdue" value="1" checked={!!q.overdue} /> Просроченные
        </label>
        <button class="btn" type="submit">
          Показать
        </button>
        <Busy />
      </FilterForm>
      <RemarkList {...p.list} />
    </div>
  )
}
