import type { BatchQuery } from '../../src/stock/batches.schema.ts'
import { FilterForm, SearchBox } from '../components/FilterForm.tsx'
import { Busy } from '../components/ListStates.tsx'

const STATUS_OPTIONS: [string, string][] = [
  ['', 'Все состояния'],
  ['ok', 'Годные'],
  ['expired', 'Истёк срок'],
  ['blocked', 'Заблокированные'],
  ['incomplete', 'Без сертификата'],
  ['empty', 'Израсходованные'],
]

export function BatchFilters(p: {
  q: BatchQuery
  materials: { id: number; name: string }[]
  warehouses: { id: number; name: string }[]
}) {
  const select = (
    name: string,
    label: string,
    options: [string, string][],
    value?: number | string,
  ) => (
    <select name={name} class="input sm:w-auto" aria-label={label}>
      {options.map(([v, l]) => (
        <option value={v} selected={v === String(value ?? '')}>
          {l}
        </option>
      ))}
    </select>
  )
  return (
    <FilterForm action="/stock/batches" target="#batches-list">
      <SearchBox value={p.q.q ?? ''} placeholder="Номер, изготовитель, поставщик" />
      {select(
        'material',
        'Материал',
        [
          ['', 'Все материалы'],
          ...p.materials.map((m): [string, string] => [String(m.id), m.name]),
        ],
        p.q.material,
      )}
      {p.warehouses.length > 1 &&
        select(
          'warehouse',
          'Склад',
          [
            ['', 'Все склады'],
            ...p.warehouses.map((w): [string, string] => [String(w.id), w.name]),
          ],
          p.q.warehouse,
        )}
      {select('status', 'Состояние', STATUS_OPTIONS, p.q.status)}
      <button class="btn" type="submit">
        Показать
      </button>
      <Busy />
    </FilterForm>
  )
}
