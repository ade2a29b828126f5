import type { ProjectListRow } from '../../src/projects/projects.queries.ts'
import {
  PROJECT_STATUSES,
  PROJECT_SORTS,
  type ProjectStatus,
} from '../../src/projects/projects.schema.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDate } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { FilterForm, SearchBox } from '../components/FilterForm.tsx'
import { Busy, EmptyRow, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'

const STATUS_COLORS: Record<ProjectStatus, string> = {
  planned: 'bg-slate-100 text-slate-800',
  active: 'bg-green-100 text-green-900',
  suspended: 'bg-amber-100 text-amber-900',
  completed: 'bg-blue-100 text-blue-900',
}

export function StatusBadge({ status }: { status: string }) {
  const s = status as ProjectStatus
  return (
    <span class={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLORS[s] ?? ''}`}>
      {PROJECT_STATUSES[s] ?? status}
    </span>
  )
}

export function ProjectRow({
  p,
  canWrite,
  fresh,
}: {
  p: ProjectListRow
  canWrite: boolean
  fresh?: boolean
}) {
  return (
    <tr id={domId('project', p.id)} class={fresh ? 'bg-yellow-50' : undefined}>
      <td data-label="Шифр" class="whitespace-nowrap font-mono text-xs">
        {p.code}
      </td>
      <td data-label="Объект">
        <a class="link" href={`/projects/${p.id}`}>
          {p.short_name}
        </a>
        <div class="text-xs text-slate-500">{p.name}</div>
      </td>
      <td data-label="Заказчик">{p.customer_name ?? '—'}</td>
      <td data-label="Контракт">
        {p.contract_number ?? ''}
        {p.contract_date && (
          <div class="text-xs text-slate-500">от {formatDate(p.contract_date)}</div>
        )}
      </td>
      <td data-label="Сроки" class="whitespace-nowrap">
        {formatDate(p.start_date)} – {formatDate(p.end_date)}
      </td>
      <td data-label="Статус">
        <StatusBadge status={p.status} />
      </td>
      <td class="no-print">
        {canWrite && !p.deleted_at && (
          <a class="link text-sm" href={`/projects/${p.id}/edit`}>
            Изменить
          </a>
        )}
      </td>
    </tr>
  )
}

export interface ProjectListProps {
  resyncUrl: string // reloaded after a lost connection comes back
  rows: ProjectListRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  canWrite: boolean
}

function NoProjects(p: ProjectListProps) {
  if (isFiltered(p.query)) return <NothingFound reset="/projects" lead="Проекты не найдены." />
  if (!p.canWrite)
    return (
      <EmptyState
        title="Проекты не найдены."
        hint="Вам пока не открыт ни один проект: доступ к проекту даёт его руководитель или администратор."
      />
    )
  return (
    <EmptyState
      title="Проектов пока нет"
      hint="Проект — участок дороги по одному контракту: заказчик, сроки, плановые объёмы. От него ведутся журнал работ, ГПР, исполнительная документация и замечания."
      create={p.canWrite && { href: '/projects/new', label: '+ Создать первый проект' }}
    />
  )
}

export function ProjectList(p: ProjectListProps) {
  return (
    <div id="projects-list" data-resync={p.resyncUrl} hx-indicator="#projects-busy">
      <div class="overflow-x-auto">
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              <th>Шифр</th>
              <th>Объект</th>
              <th>Заказчик</th>
              <th>Контракт</th>
              <th>Сроки</th>
              <th>Статус</th>
              <th class="no-print"></th>
            </tr>
          </thead>
          <tbody id="projects-rows">
            {p.rows.length === 0 ? (
              <EmptyRow cols={7}>
                <NoProjects {...p} />
              </EmptyRow>
            ) : (
              p.rows.map((r) => <ProjectRow p={r} canWrite={p.canWrite} />)
            )}
          </tbody>
        </table>
      </div>
      <Pager baseQuery={p.query} next={p.next} target="#projects-list" isFirst={p.isFirst} />
      <Busy id="projects-busy" />
    </div>
  )
}

export function ProjectsPage(p: {
  list: ProjectListProps
  filters: { q: string; status: string; customer: string; sort: string; deleted: boolean }
  customers: { id: number; name: string }[]
  canCreate: boolean
  canSeeDeleted: boolean
}) {
  const f = p.filters
  return (
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">Список проектов</h1>
        {p.canCreate && (
          <a class="btn btn-primary" href="/projects/new">
            + Новый проект
          </a>
        )}
      </div>
      <FilterForm action="/projects" target="#projects-list">
        <SearchBox value={f.q} placeholder="Поиск: объект, шифр, контракт" />
        <select class="input sm:w-44" name="status" aria-label="Статус">
          <option value="">Все статусы</option>
          {Object.entries(PROJECT_STATUSES).map(([v, l]) => (
            <option value={v} selected={v === f.status}>
              {l}
            </option>
          ))}
        </select>
        <select class="input sm:w-56" name="customer" aria-label="Заказчик">
          <option value="">Все заказчики</option>
          {p.customers.map((c) => (
            <option value={String(c.id)} selected={String(c.id) === f.customer}>
              {c.name}
            </option>
          ))}
        </select>
        <select class="input sm:w-48" name="sort" aria-label="Сортировка">
          {Object.entries(PROJECT_SORTS).map(([v, s]) => (
            <option value={v} selected={v === f.sort}>
              {s.label}
            </option>
          ))}
        </select>
        {p.canSeeDeleted && (
          <label class="flex items-center gap-1 text-sm">
            <input type="checkbox" name="deleted" value="1" checked={f.deleted} /> Удалённые
          </label>
        )}
        <button class="btn" type="submit">
          Показать
        </button>
        <Busy />
      </FilterForm>
      <ProjectList {...p.list} />
    </div>
  )
}
