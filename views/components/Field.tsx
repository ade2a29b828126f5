import type { FieldErrors, FormValues } from '../../src/lib/forms.ts'

export interface FormState {
  values: FormValues
  errors: FieldErrors
}
export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} })

interface FieldProps {
  form: FormState
  name: string
  label: string
  type?: string
  required?: boolean
  autocomplete?: string
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'search'
  hint?: string
  class?: string
  idPrefix?: string // two forms on one page with a field of the same name need distinct ids
}

function FieldShell(p: {
  id: string
  name: string
  label: string
  error?: string
  hint?: string
  children: any
  class?: string
}) {
  return (
    <div class={p.class ?? ''}>
      <label class="label" for={p.id}>
        {p.label}
      </label>
      {p.children}
      {p.hint && !p.error && <p class="mt-1 text-xs text-slate-500">{p.hint}</p>}
      {p.error && (
        <p class="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
    </div>
  )
}

const fieldId = (p: { idPrefix?: string; name: string }) => `${p.idPrefix ?? 'f'}-${p.name}`

export function Field(p: FieldProps) {
  const error = p.form.errors[p.name]
  return (
    <FieldShell
      id={fieldId(p)}
      name={p.name}
      label={p.label}
      error={error}
      hint={p.hint}
      class={p.class}
    >
      <input
        id={fieldId(p)}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.form.values[p.name] ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        class={`input ${error ? 'input-error' : ''}`}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${fieldId(p)}-error` : undefined}
      />
    </FieldShell>
  )
}

export function TextArea(p: FieldProps & { rows?: number }) {
  const error = p.form.errors[p.name]
  return (
    <FieldShell
      id={fieldId(p)}
      name={p.name}
      label={p.label}
      error={error}
      hint={p.hint}
      class={p.class}
    >
      <textarea
        id={fieldId(p)}
        name={p.name}
        rows={p.rows ?? 3}
        class={`input ${error ? 'input-error' : ''}`}
        aria-invalid={error ? 'true' : undefined}
      >
        {p.form.values[p.name] ?? ''}
      </textarea>
    </FieldShell>
  )
}

export function Select(p: FieldProps & { options: [string, string][]; empty?: string }) {
  const error = p.form.errors[p.name]
  const current = p.form.values[p.name] ?? ''
  return (
    <FieldShell
      id={fieldId(p)}
      name={p.name}
      label={p.label}
      error={error}
      hint={p.hint}
      class={p.class}
    >
      <select
        id={fieldId(p)}
        name={p.name}
        class={`input ${error ? 'input-error' : ''}`}
        aria-invalid={error ? 'true' : undefined}
      >
        {p.empty !== undefined && <option value="">{p.empty}</option>}
        {p.options.map(([v, label]) => (
          <option value={v} selected={v === current}>
            {label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

export function FormError({ form }: { form: FormState }) {
  const n = Object.keys(form.errors).length
  if (!n) return null
  return (
    <div role="alert" class="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900">
      {form.errors._form ?? 'Проверьте поля, отмеченные красным.'}
    </div>
  )
}
