import { EditActions } from '../components/EditActions.tsx'
import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'

export function DocumentForm(p: {
  form: FormState
  action: string
  cancelHref: string
  types: { id: number; name: string }[]
  version?: number
  lockToken?: string
  releaseAction?: string
  readOnly?: boolean
}) {
  const f = p.form
  return (
    <form
      method="post"
      action={p.action}
      class="card max-w-3xl space-y-3"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={f} />
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      <fieldset disabled={p.readOnly} class="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Select
          form={f}
          name="type_id"
          label="Тип документа"
          empty="— выберите —"
          options={p.types.map((t) => [String(t.id), t.name])}
          class="sm:col-span-2"
        />
        <Field form={f} name="number" label="Номер" required />
        <Field form={f} name="doc_date" label="Дата" type="date" />
        <Field form={f} name="title" label="Наименование" required class="sm:col-span-2" />
        <Field form={f} name="sheets" label="Листов" inputmode="numeric" />
        <TextArea form={f} name="notes" label="Примечание" class="sm:col-span-2" />
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
