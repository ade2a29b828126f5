import { DOCUMENT_STATES } from '../../src/documents/documents.schema.ts'
import type { DocumentQuery } from '../../src/documents/documents.schema.ts'
import { FilterForm, SearchBox } from '../components/FilterForm.tsx'
import { formatNumber } from '../../src/lib/format.ts'
import { Busy } from '../components/ListStates.tsx'

export function StateCounts(p: {
  counts: Record<string, number>
  base: string
  q: URLSearchParams
  current?: string
}) {
  const link = (state?: string) => {
    const q = new URLSearchParams(p.q)
    q.delete('after')
    q.delete('state')
    if (state) q.set('state', state)
    const s = q.toString()
    return `${p.base}${s ? `?${s}` : ''}`
  }
  const total = Object.values(p.counts).reduce((a, b) => a + b, 0)
  const tab = (state: string | undefined, label: string, n: number) => (
    <a
      href={link(state)}
      class={`rounded border px-3 py-1 text-sm ${p.current === state ? 'border-blue-700 bg-blue-50 font-semibold' : 'border-slate-300 bg-white'}`}
    >
      {label}: {formatNumber(n)}
    </a>
  )
  return (
    <nav id="documents-counts" class="no-print flex flex-wrap gap-2" aria-label="Состояния">
      {tab(undefined, 'Все', total)}
      {Object.entries(DOCUMENT_STATES).map(([s, label]) => tab(s, label, p.counts[s] ?? 0))}
    </nav>
  )
}

export function DocumentFilters(p: {
  action: string
  q: DocumentQuery
  types: { id: number; short_name: string; name: string }[]
  projects?: { id: number; code: string; short_name: string }[]
}) {
  const q = p.q
  return (
    <FilterForm action={p.action} target="#documents-list">
      <SearchBox value={q.q ?? ''} placeholder="Поиск: номер, наименование" />
      {q.state && <input type="hidden" name="state" value={q.state} />}
      {p.projects && (
        <select class="input sm:w-48" name="project" aria-label="Проект">
          <option value="">Все проекты</option>
          {p.projects.map((pr) => (
            <option value={String(pr.id)} selected={q.project === pr.id}>
              {pr.code} {pr.short_name}
            </option>
          ))}
        </select>
      )}
      <select class="input sm:w-40" name="type" aria-label="Тип">
        <option value="">Все типы</option>
        {p.types.map((t) => (
          <option value={String(t.id)} selected={q.type === t.id} title={t.name}>
            {t.short_name} — {t.name}
          </option>
        ))}
      </select>
      <input
        class="input sm:w-44"
        name="recipient"
        value={q.recipient ?? ''}
        placeholder="Получатель"
        aria-label="Получатель"
      />
      <label class="flex items-center gap-1 text-sm">
        с{' '}
        <input
          class="input sm:w-40"
          type="date"
          name="from"
          value={q.from ?? ''}
          aria-label="Дата с"
        />
      </label>
      <label class="flex items-center gap-1 text-sm">
        по{' '}
        <input
          class="input sm:w-40"
          type="date"
          name="to"
          value={q.to ?? ''}
          aria-label="Дата по"
        />
      </label>
      <label class="flex items-center gap-1 text-sm">
        <input type="checkbox" name="overdue" value="1" checked={!!q.overdue} /> Просроченные
      </label>
      <button class="btn" type="submit">
        Показать
      </button>
      <Busy />
    </FilterForm>
  )
}
