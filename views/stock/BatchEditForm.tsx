import { Field, FormError, TextArea, type FormState } from '../components/Field.tsx'
import { noDoubleSubmit } from '../components/ListStates.tsx'

export function BatchEditForm(p: { id: number; form: FormState; version: number }) {
  return (
    <form
      {...noDoubleSubmit}
      method="post"
      action={`/stock/batches/${p.id}`}
      class="card max-w-3xl space-y-3"
      novalidate
    >
      <FormError form={p.form} />
      <input type="hidden" name="version" value={String(p.version)} />
      <div class="grid gap-3 sm:grid-cols-2">
        <Field form={p.form} name="number" label="Номер партии" required />
        <Field form={p.form} name="location" label="Место хранения" />
        <Field form={p.form} name="manufacturer" label="Изготовитель" />
        <Field form={p.form} name="supplier" label="Поставщик" />
        <Field form={p.form} name="manufactured_on" label="Дата изготовления" type="date" />
        <Field
          form={p.form}
          name="shelf_life_months"
          label="Срок хранения, мес."
          inputmode="numeric"
        />
        <Field form={p.form} name="expires_on" label="Годна до" type="date" />
      </div>
      <TextArea form={p.form} name="notes" label="Примечание" rows={2} />
      <p class="text-sm text-slate-600">
        Количество меняется только движениями партии (приход, выдача, возврат, списание).
      </p>
      <div class="flex gap-2">
        <button class="btn btn-primary" type="submit">
          Сохранить
        </button>
        <a class="btn" href={`/stock/batches/${p.id}`}>
          Отмена
        </a>
      </div>
    </form>
  )
}
