import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'
import { UNIT_LABELS } from '../../src/stock/units.ts'
import type { MaterialUnit } from '../../src/reference/reference.table.ts'
import { DOCUMENT_KINDS } from '../../src/stock/batch-documents.ts'
import { noDoubleSubmit } from '../components/ListStates.tsx'

type Option = [string, string]

// A receipt: a new batch with its passport data and the quantity that arrived.
export function ReceiptForm(p: {
  form: FormState
  materials: { id: number; name: string; unit: MaterialUnit }[]
  warehouses: Option[]
}) {
  const v = p.form.values
  return (
    <form
      {...noDoubleSubmit}
      method="post"
      action="/stock/batches"
      class="card max-w-3xl space-y-3"
      novalidate
    >
      <FormError form={p.form} />
      {v.request_id && <input type="hidden" name="request_id" value={v.request_id} />}
      <div class="grid gap-3 sm:grid-cols-2">
        <Select
          form={p.form}
          name="material_id"
          label="Материал"
          empty="— выберите —"
          options={p.materials.map((m) => [String(m.id), `${m.name}, ${UNIT_LABELS[m.unit]}`])}
        />
        <Field form={p.form} name="number" label="Номер партии" required />
        <Field
          form={p.form}
          name="received_qty"
          label="Количество"
          inputmode="decimal"
          hint="В единицах материала: кг, т, л или шт"
        />
        <Field form={p.form} name="received_on" label="Дата прихода" type="date" />
        <Select form={p.form} name="warehouse_id" label="Склад" options={p.warehouses} />
        <Field form={p.form} name="location" label="Место хранения" hint="Стеллаж, ряд, ячейка" />
        <Field form={p.form} name="manufacturer" label="Изготовитель" />
        <Field form={p.form} name="supplier" label="Поставщик" />
        <Field form={p.form} name="manufactured_on" label="Дата изготовления" type="date" />
        <Field
          form={p.form}
          name="shelf_life_months"
          label="Срок хранения, мес."
          inputmode="numeric"
          hint="Годна до считается от даты изготовления"
        />
        <Field
          form={p.form}
          name="expires_on"
          label="Годна до"
          type="date"
          hint="Если указана в паспорте"
        />
      </div>
      <TextArea form={p.form} name="notes" label="Примечание" rows={2} />
      <div class="flex gap-2">
        <button class="btn btn-primary" type="submit">
          Оформить приход
        </button>
        <a class="btn" href="/stock/batches">
          Отмена
        </a>
      </div>
    </form>
  )
}

export const MOVEMENT_LABELS = {
  receipt: 'Приход',
  issue: 'Выдача на объект / бригаде',
  return: 'Возврат на склад',
  consumption: 'Расход',
  writeoff: 'Списание',
  correction: 'Корректировка остатка',
} as const

// A movement of an existing batch. A refused issue offers an administrator the correction.
export function MovementForm(p: {
  action: string
  form: FormState
  projects: Option[]
  crews: Option[]
  canCorrect: boolean
  shortfall?: number
}) {
  const kinds: Option[] = (['issue', 'return', 'writeoff'] as const).map((k) => [
    k,
    MOVEMENT_LABELS[k],
  ])
  if (p.canCorrect) kinds.push(['correction', MOVEMENT_LABELS.correction])
  return (
    <form
      {...noDoubleSubmit}
      id="movement-form"
      method="post"
      action={p.action}
      class="card space-y-3"
      novalidate
    >
      <h2 class="text-lg font-semibold">Движение партии</h2>
      <FormError form={p.form} />
      <div class="grid gap-3 sm:grid-cols-3">
        <Select form={p.form} name="kind" label="Операция" options={kinds} />
        <Field
          form={p.form}
          name="quantity"
          label="Количество"
          inputmode="decimal"
          hint="Для корректировки — со знаком: −5 или 5"
        />
        <Field form={p.form} name="moved_on" label="Дата" type="date" />
        <Select form={p.form} name="project_id" label="Объект" empty="—" options={p.projects} />
        <Select form={p.form} name="crew_id" label="Бригада" empty="—" options={p.crews} />
        <Field
          form={p.form}
          name="reason"
          label="Основание / причина"
          hint="Обязательно для списания"
        />
      </div>
      {p.canCorrect && p.shortfall !== undefined && (
        <div class="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <label class="flex items-start gap-2">
            <input type="checkbox" name="correct" value="1" class="mt-1 h-5 w-5" />
            <span>
              Подтверждаю корректировку остатка на недостающие{' '}
              {String(p.shortfall).replace('.', ',')} (например, по результатам инвентаризации)
            </span>
          </label>
          <Field form={p.form} name="correction_reason" label="Причина корректировки" />
        </div>
      )}
      <button class="btn btn-primary" type="submit">
        Провести
      </button>
    </form>
  )
}

// A document of the batch: its kind, number, date and the scan.
export function DocumentUploadForm(p: { action: string; form: FormState }) {
  return (
    <form
      method="post"
      action={p.action}
      enctype="multipart/form-data"
      class="grid gap-3 border-t border-slate-200 pt-3 sm:grid-cols-4 sm:items-end"
      novalidate
    >
      <Select
        idPrefix="doc"
        form={p.form}
        name="kind"
        label="Документ"
        options={Object.entries(DOCUMENT_KINDS).map(([k, label]) => [k, label])}
      />
      <Field idPrefix="doc" form={p.form} name="number" label="Номер" />
      <Field idPrefix="doc" form={p.form} name="issued_on" label="Дата" type="date" />
      <div>
        <label class="label" for="f-file">
          Файл (PDF, JPEG, PNG)
        </label>
        <input id="f-file" name="file" type="file" class="input" accept=".pdf,image/*" />
        {p.form.errors.file && <p class="field-error">{p.form.errors.file}</p>}
      </div>
      <button class="btn sm:col-span-4 sm:justify-self-start" type="submit">
        Добавить документ
      </button>
    </form>
  )
}
