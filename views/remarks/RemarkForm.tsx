import { PRIORITIES } from '../../src/remarks/remarks.schema.ts'
import { EditActions } from '../components/EditActions.tsx'
import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'
import { noDoubleSubmit } from '../components/ListStates.tsx'

export function RemarkForm(p: {
  form: FormState
  action: string
  cancelHref: string
  users: { id: number; full_name: string }[]
  version?: number
  lockToken?: string
  releaseAction?: string
  readOnly?: boolean
  withPhoto?: boolean // registering: the first «до» photo goes with the form
}) {
  const f = p.form
  return (
    <form
      {...noDoubleSubmit}
      method="post"
      action={p.action}
      class="card max-w-3xl space-y-3"
      enctype={p.withPhoto ? 'multipart/form-data' : undefined}
      hx-boost={p.withPhoto ? 'false' : undefined}
    >
      <FormError form={f} />
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      <fieldset disabled={p.readOnly} class="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field form={f} name="title" label="Суть замечания" required class="sm:col-span-2" />
        <TextArea form={f} name="description" label="Описание" class="sm:col-span-2" />
        <Field
          form={f}
          name="location"
          label="Место (км, пикет)"
          hint="Например: км 12+350, правая полоса"
        />
        <Select form={f} name="priority" label="Приоритет" options={Object.entries(PRIORITIES)} />
        <Select
          form={f}
          name="assignee_id"
          label="Исполнитель"
          empty="— не назначен —"
          options={p.users.map((u) => [String(u.id), u.full_name])}
        />
        <Field form={f} name="deadline" label="Срок устранения" type="date" />
        {p.withPhoto && (
          <div class="sm:col-span-2">
            <label class="label" for="f-photo">
              Фото «до» (необязательно)
            </label>
            <input
              id="f-photo"
              type="file"
              name="photo"
              accept="image/*"
              capture="environment"
              class="block w-full text-sm"
            />
            {f.errors.photo && <p class="field-error">{f.errors.photo}</p>}
          </div>
        )}
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
