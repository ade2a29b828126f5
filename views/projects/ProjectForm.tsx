import { MATERIALS } from '../../src/materials/materials.ts'
import { PROJECT_STATUSES } from '../../src/projects/projects.schema.ts'
import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'
import { EditActions } from '../components/EditActions.tsx'

export function ProjectForm(p: {
  form: FormState
  action: string
  cancelHref: string
  version?: number
  customers: { id: number; name: string }[]
  lockToken?: string // this editor's lock: sent back on save and cancel to release it
  releaseAction?: string
  readOnly?: boolean // someone else edits the record
}) {
  const f = p.form
  return (
    <form
      method="post"
      action={p.action}
      class="card space-y-4"
      id="project-form"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={f} />
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      <fieldset disabled={p.readOnly} class="space-y-4">
        <fieldset class="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <legend class="mb-2 font-semibold">Объект и контракт</legend>
          <Field
            form={f}
            name="name"
            label="Полное наименование объекта"
            required
            class="sm:col-span-2"
          />
          <Field form={f} name="short_name" label="Краткое наименование" required />
          <Field
            form={f}
            name="code"
            label="Шифр проекта"
            required
            hint="Например, Р-12 — для номеров замечаний"
          />
          <Select
            form={f}
            name="customer_id"
            label="Заказчик"
            empty="— не выбран —"
            options={p.customers.map((c) => [String(c.id), c.name])}
          />
          <Field form={f} name="contractor" label="Подрядчик" required />
          <Field form={f} name="contract_number" label="Номер контракта" />
          <Field form={f} name="contract_date" label="Дата контракта" type="date" />
          <Field form={f} name="length_km" label="Протяжённость, км" inputmode="decimal" />
          <Select
            form={f}
            name="status"
            label="Статус"
            options={Object.entries(PROJECT_STATUSES) as [string, string][]}
          />
        </fieldset>
        <fieldset class="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <legend class="mb-2 font-semibold">Сроки</legend>
          <Field form={f} name="asphalt_date" label="Укладка асфальта" type="date" />
          <Field form={f} name="start_date" label="Начало наших работ" type="date" />
          <Field form={f} name="end_date" label="Окончание наших работ" type="date" />
        </fieldset>
        <fieldset class="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <legend class="mb-2 font-semibold">Плановые объёмы, м²</legend>
          {MATERIALS.map(([code, label]) => (
            <Field form={f} name={`plan_${code}`} label={label} inputmode="decimal" />
          ))}
        </fieldset>
        <TextArea form={f} name="comments" label="Комментарий" />
      </fieldset>
      <EditActions
        cancelHref={p.cancelHref}
        lockToken={p.lockToken}
        releaseAction={p.releaseAction}
        readOnly={p.readOnly}
      />
    </form>
  )
}
