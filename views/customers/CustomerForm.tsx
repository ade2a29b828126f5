import { EditActions } from '../components/EditActions.tsx'
import { Field, FormError, TextArea, type FormState } from '../components/Field.tsx'

export function CustomerForm(p: {
  form: FormState
  action: string
  cancelHref: string
  version?: number
  lockToken?: string
  releaseAction?: string
  readOnly?: boolean
}) {
  return (
    <form
      method="post"
      action={p.action}
      class="card max-w-2xl space-y-3"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={p.form} />
      {p.version !== undefined && <input type="hidden" name="version" value={String(p.version)} />}
      <fieldset disabled={p.readOnly} class="space-y-3">
        <Field form={p.form} name="name" label="Наименование" required />
        <Field form={p.form} name="inn" label="ИНН" inputmode="numeric" />
        <TextArea form={p.form} name="contact_info" label="Контакты" rows={2} />
        <Field form={p.form} name="address" label="Адрес" />
        <TextArea form={p.form} name="comments" label="Комментарий" />
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
