import { COLOURS, KIND_LABELS } from '../../src/reference/reference.schema.ts'
import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'
import { ConfirmedBadge } from './MarkingTypesPage.tsx'

// One form for a new type and for an edit (with the version the user saw).
export function MarkingTypeForm(p: {
  form: FormState
  action: string
  version?: number
  confirmed?: number
}) {
  const form = p.form
  return (
    <form
      method="post"
      action={p.action}
      class="card max-w-3xl space-y-4"
      id="marking-type-form"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={form} />
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      {p.confirmed !== undefined && (
        <p class="text-sm text-slate-600">
          Сейчас: <ConfirmedBadge confirmed={p.confirmed} />. Изменение ширины, штриха, промежутка,
          доли, числа линий или площади элемента снимает отметку «проверено».
        </p>
      )}
      <div class="grid grid-cols-1 gap-3 sm:grid-cols-4">
        <Field form={form} name="code" label="Номер по ГОСТ" required hint="Например 1.14.1" />
        <Field form={form} name="name" label="Наименование" required class="sm:col-span-3" />
        <Select
          form={form}
          name="kind"
          label="Вид"
          options={Object.entries(KIND_LABELS)}
          class="sm:col-span-2"
        />
        <Select
          form={form}
          name="colour"
          label="Цвет"
          options={COLOURS.map((c) => [c, c])}
          class="sm:col-span-2"
        />
      </div>
      <fieldset class="space-y-3">
        <legend class="font-semibold">Линия</legend>
        <div class="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Field form={form} name="width_m" label="Ширина, м" inputmode="decimal" />
          <Field form={form} name="lines" label="Число линий" inputmode="numeric" />
          <Field form={form} name="dash_m" label="Штрих, м" inputmode="decimal" />
          <Field form={form} name="gap_m" label="Промежуток, м" inputmode="decimal" />
          <Field
            form={form}
            name="fill_ratio"
            label="Доля заполнения"
            inputmode="decimal"
            hint="Если нет штриха и промежутка"
          />
        </div>
      </fieldset>
      <fieldset class="space-y-3">
        <legend class="font-semibold">Символ, стрела, надпись</legend>
        <Field
          form={form}
          name="piece_area_m2"
          label="Площадь одного элемента, м²"
          inputmode="decimal"
          class="sm:w-64"
        />
      </fieldset>
      <TextArea
        form={form}
        name="source"
        label="Источник значений"
        rows={2}
        hint="Пункт ГОСТ, проект или «принято по практике»"
      />
      <div class="flex flex-wrap gap-2">
        <button class="btn btn-primary" type="submit">
          Сохранить
        </button>
        <a class="btn" href="/reference/marking-types">
          Отмена
        </a>
      </div>
    </form>
  )
}

// Hidden types leave the lists for new entries; entries made with them keep them.
export function HideMarkingType(p: { id: number; hidden: boolean }) {
  return (
    <form
      method="post"
      action={`/reference/marking-types/${p.id}/${p.hidden ? 'restore' : 'delete'}`}
      class="max-w-3xl"
    >
      <button class="btn" type="submit">
        {p.hidden ? 'Вернуть тип в списки' : 'Скрыть тип из списков'}
      </button>
    </form>
  )
}
