import { Field, FormError, TextArea, type FormState } from '../components/Field.tsx'

// A site chief corrects a shift: Moscow wall times and a reason the timesheet will show.
export function CorrectionForm(p: {
  id: number
  form: FormState
  version: number
  isOpen: boolean
  cancelHref: string
}) {
  return (
    <form
      method="post"
      action={`/shifts/${p.id}`}
      class="card max-w-xl space-y-3"
      novalidate
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={p.form} />
      <input type="hidden" name="version" value={String(p.version)} />
      <div class="grid gap-3 sm:grid-cols-2">
        <Field form={p.form} name="started_at" label="Начало (МСК)" type="datetime-local" />
        <Field
          form={p.form}
          name="ended_at"
          label="Окончание (МСК)"
          type="datetime-local"
          hint={p.isOpen ? 'Пусто — смена продолжается' : undefined}
        />
      </div>
      <TextArea
        form={p.form}
        name="reason"
        label="Причина исправления"
        hint="Будет видна в табеле рядом с отметкой «исправлена»"
        rows={2}
      />
      <div class="flex flex-wrap gap-2">
        <button class="btn btn-primary" type="submit">
          Сохранить
        </button>
        <a class="btn" href={p.cancelHref}>
          Отмена
        </a>
      </div>
    </form>
  )
}
