import { CONDITIONS, METHODS } from '../../src/documents/documents.schema.ts'
import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'

const hiddenIds = (ids: number[]) =>
  ids.map((id) => <input type="hidden" name="doc" value={String(id)} />)

export function ShipmentFields({ form }: { form: FormState }) {
  return (
    <div class="grid grid-cols-1 gap-3 sm:grid-cols-3">
      <Field
        form={form}
        name="recipient"
        label="Кому (получатель)"
        required
        class="sm:col-span-3"
      />
      <Field form={form} name="on_date" label="Дата отправки" type="date" required />
      <Select form={form} name="method" label="Способ" options={Object.entries(METHODS)} />
      <TextArea form={form} name="notes" label="Примечание" rows={2} class="sm:col-span-3" />
    </div>
  )
}

export function ReturnFields({ form }: { form: FormState }) {
  return (
    <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <Field form={form} name="on_date" label="Дата возврата" type="date" required />
      <Select form={form} name="condition" label="Состояние" options={Object.entries(CONDITIONS)} />
      <TextArea form={form} name="notes" label="Примечание" rows={2} class="sm:col-span-2" />
    </div>
  )
}

// A movement for several documents at once: the act («Реестр передачи») or a bulk return.
export function BulkMovementPage(p: {
  kind: 'shipment' | 'return'
  action: string
  cancelHref: string
  form: FormState
  docs: { id: number; number: string; title: string }[]
}) {
  return (
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">
        {p.kind === 'shipment' ? 'Реестр передачи документации' : 'Возврат документов'}
      </h1>
      <form
        method="post"
        action={p.action}
        class="card max-w-3xl space-y-3"
        hx-disabled-elt="find button[type=submit]"
      >
        <FormError form={p.form} />
        {hiddenIds(p.docs.map((d) => d.id))}
        <p class="text-sm text-slate-600">Документов: {p.docs.length}</p>
        <ul class="list-disc pl-5 text-sm">
          {p.docs.map((d) => (
            <li>
              № {d.number} — {d.title}
            </li>
          ))}
        </ul>
        {p.kind === 'shipment' ? <ShipmentFields form={p.form} /> : <ReturnFields form={p.form} />}
        <div class="flex flex-wrap gap-2">
          <button class="btn btn-primary" type="submit">
            {p.kind === 'shipment' ? 'Отправить и сформировать акт' : 'Зарегистрировать возврат'}
          </button>
          <a class="btn" href={p.cancelHref}>
            Отмена
          </a>
        </div>
      </form>
    </div>
  )
}
