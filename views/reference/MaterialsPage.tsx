import type { CurrentUser } from '../../src/auth/current-user.ts'
import { domId } from '../../src/lib/dom-id.ts'
import type { Material } from '../../src/reference/reference.table.ts'
import { formatNumber } from '../../src/lib/format.ts'
import { UNIT_LABELS } from '../../src/stock/units.ts'
import { Field, FormError, Select, type FormState } from '../components/Field.tsx'
import { ReferencePage } from './ReferencePage.tsx'
import { EmptyRow, EmptyState } from '../components/ListStates.tsx'

export function MaterialsPage(p: { user: CurrentUser; rows: Material[]; canWrite: boolean }) {
  return (
    <ReferencePage user={p.user} current="materials" title="Материалы исполнения">
      <table class="table table-cards bg-white" id="materials">
        <thead>
          <tr>
            <th>Код</th>
            <th>Наименование</th>
            <th>Сокращение</th>
            <th>Порядок</th>
            <th>Вид</th>
            <th>Склад: ед., норма на 1 м², порог</th>
            {p.canWrite && <th class="no-print"></th>}
          </tr>
        </thead>
        <tbody>
          {p.rows.length === 0 && (
            <EmptyRow cols={p.canWrite ? 7 : 6}>
              <EmptyState
                title="Материалов нет"
                hint="Материалы исполнения (термопластик, холодный пластик, краска…) появляются при установке системы и при импорте из старой программы."
              />
            </EmptyRow>
          )}
          {p.rows.map((m) => (
            <tr id={domId('material', m.id)}>
              <td data-label="Код" class="font-mono text-xs">
                {m.code}
              </td>
              <td data-label="Наименование">{m.name}</td>
              <td data-label="Сокращение">{m.short_name}</td>
              <td data-label="Порядок">{m.sort_order}</td>
              <td data-label="Вид">
                {!m.is_work ? 'только склад' : m.is_temporary ? 'временная разметка' : 'постоянная'}
              </td>
              <td data-label="Склад">
                {m.stocked
                  ? `${UNIT_LABELS[m.unit]}; ${m.norm_per_m2 == null ? 'норма не задана' : `${formatNumber(m.norm_per_m2)} ${UNIT_LABELS[m.unit]}/м²`}; ${formatNumber(m.threshold_pct)} %`
                  : 'не хранится'}
              </td>
              {p.canWrite && (
                <td data-label="Действия" class="no-print">
                  <a class="btn" href={`/reference/materials/${m.id}/edit`}>
                    Изменить
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ReferencePage>
  )
}

export function MaterialForm(p: { id: number; code: string; form: FormState; version: number }) {
  return (
    <form
      method="post"
      action={`/reference/materials/${p.id}`}
      class="card max-w-xl space-y-3"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={p.form} />
      <input type="hidden" name="version" value={String(p.version)} />
      <p class="text-sm text-slate-600">
        Код <span class="font-mono">{p.code}</span> связывает материал с плановыми объемами и
        импортом из прежней программы и не меняется.
      </p>
      <Field form={p.form} name="name" label="Наименование" required />
      <div class="grid grid-cols-2 gap-3">
        <Field form={p.form} name="short_name" label="Сокращение" required />
        <Field form={p.form} name="sort_order" label="Порядок" inputmode="numeric" />
      </div>
      <div class="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Select
          form={p.form}
          name="unit"
          label="Единица"
          options={Object.entries(UNIT_LABELS) as [string, string][]}
        />
        <Field
          form={p.form}
          name="norm_per_m2"
          label="Норма расхода на 1 м²"
          inputmode="decimal"
          hint="Для оценки расхода по журналу работ"
        />
        <Field
          form={p.form}
          name="threshold_pct"
          label="Порог остатка, %"
          inputmode="decimal"
          hint="Предупреждение, когда в партии остаётся меньше"
        />
      </div>
      <div class="flex flex-wrap gap-2">
        <button class="btn btn-primary" type="submit">
          Сохранить
        </button>
        <a class="btn" href="/reference/materials">
          Отмена
        </a>
      </div>
    </form>
  )
}
