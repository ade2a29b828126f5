import type { Customer } from '../../src/customers/customers.table.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { Pager } from '../layout/Pager.tsx'
import { FilterForm, SearchBox } from '../components/FilterForm.tsx'
import { Busy, EmptyRow, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'

type Row = Customer

export function CustomerRow({ c, fresh }: { c: Row; fresh?: boolean }) {
  return (
    <tr id={domId('customer', c.id)} class={fresh ? 'bg-yellow-50' : undefined}>
      <td data-label="Наименование">
        <a class="link" href={`/customers/${c.id}`}>
          {c.name}
        </a>
      </td>
      <td data-label="ИНН">{c.inn ?? ''}</td>
      <td data-label="Контакты">{c.contact_info ?? ''}</td>
      <td data-label="Адрес">{c.address ?? ''}</td>
    </tr>
  )
}

interface CustomerListProps {
  resyncUrl: string
  rows: Row[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  canWrite: boolean
}

function NoCustomers(p: CustomerListProps) {
  if (isFiltered(p.query)) return <NothingFound reset="/customers" lead="Заказчики не найдены." />
  return (
    <EmptyState
      title="Заказчиков пока нет"
      hint="Заказчики — владельцы дорог, для которых выполняются работы по контрактам (ГКУ, ФКУ Упрдор, городские службы). Заказчик указывается в проекте."
      create={p.canWrite && { href: '/customers/new', label: '+ Добавить первого заказчика' }}
    />
  )
}

export function CustomerList(p: CustomerListProps) {
  return (
    <div id="customers-list" data-resync={p.resyncUrl} hx-indicator="#customers-busy">
      <table class="table table-cards bg-white">
        <thead>
          <tr>
            <th>Наименование</th>
            <th>ИНН</th>
            <th>Контакты</th>
            <th>Адрес</th>
          </tr>
        </thead>
        <tbody id="customers-rows">
          {p.rows.length === 0 ? (
            <EmptyRow cols={4}>
              <NoCustomers {...p} />
            </EmptyRow>
          ) : (
            p.rows.map((c) => <CustomerRow c={c} />)
          )}
        </tbody>
      </table>
      <Pager baseQuery={p.query} next={p.next} target="#customers-list" isFirst={p.isFirst} />
      <Busy id="customers-busy" />
    </div>
  )
}

export function CustomersPage(p: {
  list: CustomerListProps
  q: string
  deleted: boolean
  canWrite: boolean
}) {
  return (
    <div class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">Заказчики</h1>
        {p.canWrite && (
          <a class="btn btn-primary" href="/customers/new">
            + Новый заказчик
          </a>
        )}
      </div>
      <FilterForm action="/customers" target="#customers-list">
        <SearchBox value={p.q} placeholder="Поиск по названию, ИНН" />
        {p.canWrite && (
          <label class="flex items-center gap-1 text-sm">
            <input type="checkbox" name="deleted" value="1" checked={p.deleted} /> Удалённые
          </label>
        )}
        <button class="btn" type="submit">
          Найти
        </button>
        <Busy />
      </FilterForm>
      <CustomerList {...p.list} />
    </div>
  )
}
