import type { StockedMaterial } from '../../../src/stock/requests/requests.queries.ts'
import { REQUEST_STATUSES, type RequestQuery } from '../../../src/stock/requests/requests.schema.ts'
import { FilterForm } from '../../components/FilterForm.tsx'
import { Busy } from '../../components/ListStates.tsx'
import { RequestList, type RequestListProps } from './RequestList.tsx'

export function RequestsPage(p: {
  q: RequestQuery
  list: RequestListProps
  projects: { id: number; code: string; short_name: string }[]
  materials: StockedMaterial[]
  canCreate: boolean
}) {
  const q = p.q
  return (
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <div>
          <div class="text-sm text-slate-500">
            <a class="link" href="/stock">
              Склад
            </a>
          </div>
          <h1 class="text-2xl font-semibold">Заявки на материал</h1>
        </div>
        {p.canCreate && (
          <a
            class="btn btn-primary no-print"
            href={q.project ? `/stock/requests/new?project=${q.project}` : '/stock/requests/new'}
          >
            Новая заявка
          </a>
        )}
      </div>
      <FilterForm action="/stock/requests" target="#requests-list">
        <select class="input sm:w-48" name="status" aria-label="Статус">
          <option value="">Все статусы</option>
          <option value="open" selected={q.status === 'open'}>
            Открытые
          </option>
          {Object.entries(REQUEST_STATUSES).map(([v, l]) => (
            <option value={v} selected={q.status === v}>
              {l}
            </option>
          ))}
        </select>
        <select class="input sm:w-60" name="project" aria-label="Проект">
          <option value="">Все проекты</option>
          {p.projects.map((pr) => (
            <option value={String(pr.id)} selected={q.project === pr.id}>
              {pr.code} {pr.short_name}
            </option>
          ))}
        </select>
        <select class="input sm:w-56" name="material" aria-label="Материал">
          <option value="">Все материалы</option>
          {p.materials.map((m) => (
            <option value={String(m.id)} selected={q.material === m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <button class="btn" type="submit">
          Показать
        </button>
        <Busy />
      </FilterForm>
      <RequestList {...p.list} />
    </div>
  )
}
