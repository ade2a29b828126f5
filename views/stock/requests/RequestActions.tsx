import { domId } from '../../../src/lib/dom-id.ts'
import { formValuesOf } from '../../../src/lib/forms.ts'
import type { RequestRow } from '../../../src/stock/requests/requests.queries.ts'
import type { RequestAction } from '../../../src/stock/requests/requests.workflow.ts'
import { UNIT_LABELS } from '../../../src/stock/units.ts'
import { emptyForm, Field, FormError, TextArea, type FormState } from '../../components/Field.tsx'
import { noDoubleSubmit } from '../../components/ListStates.tsx'

export interface ActionState {
  action: RequestAction
  form: FormState
}

const Version = ({ r }: { r: RequestRow }) => (
  <input type="hidden" name="version" value={String(r.version)} />
)

// The forms this user may use now. Not a live region: a reload would wipe what is being typed;
// a form sent against a changed request is answered with 409 and the reason.
export function RequestActions(p: {
  r: RequestRow
  actions: RequestAction[]
  fulfilHref: string | null
  state?: ActionState
}) {
  const { r } = p
  const stateOf = (a: RequestAction[], initial: FormState) =>
    p.state && a.includes(p.state.action) ? p.state.form : initial
  const has = (a: RequestAction) => p.actions.includes(a)
  const base = `/stock/requests/${r.id}`
  if (!p.actions.length && !p.fulfilHref) return null
  return (
    <section id={domId('material-request', r.id, 'actions')} class="no-print space-y-3">
      {p.fulfilHref && (
        <div class="card flex flex-wrap items-center justify-between gap-2">
          <p>Заявка согласована: оформите приход партии материала.</p>
          <a class="btn btn-primary" href={p.fulfilHref}>
            Оформить приход
          </a>
        </div>
      )}
      {has('submit') && (
        <SubmitForm r={r} base={base} form={stateOf(['submit'], submitValues(r))} />
      )}
      {has('approve') && (
        <form {...noDoubleSubmit} method="post" action={`${base}/approve`} class="card space-y-2">
          <h2 class="font-semibold">Решение по заявке</h2>
          <FormError form={stateOf(['approve', 'reject'], emptyForm())} />
          <Version r={r} />
          <TextArea
            form={stateOf(['approve', 'reject'], emptyForm())}
            name="decision_reason"
            label="Комментарий (при отклонении — обязательно)"
            rows={2}
          />
          <div class="flex flex-wrap gap-2">
            <button class="btn btn-primary" type="submit">
              Согласовать
            </button>
            <button class="btn" type="submit" formaction={`${base}/reject`}>
              Отклонить
            </button>
          </div>
        </form>
      )}
      {has('cancel') && (
        <form {...noDoubleSubmit} method="post" action={`${base}/cancel`} class="card space-y-2">
          <FormError form={stateOf(['cancel'], emptyForm())} />
          <Version r={r} />
          <TextArea
            form={stateOf(['cancel'], emptyForm())}
            name="cancel_reason"
            label={r.status === 'draft' ? 'Причина отмены' : 'Причина отмены (необязательно)'}
            rows={2}
          />
          <button class="btn" type="submit">
            Отменить заявку
          </button>
        </form>
      )}
    </section>
  )
}

const submitValues = (r: RequestRow) =>
  emptyForm(formValuesOf(r, ['quantity', 'needed_by', 'reason']))

function SubmitForm(p: { r: RequestRow; base: string; form: FormState }) {
  return (
    <form {...noDoubleSubmit} method="post" action={`${p.base}/submit`} class="card space-y-2">
      <h2 class="font-semibold">Отправить на согласование</h2>
      <p class="text-sm text-slate-600">
        Проверьте количество и срок, при необходимости исправьте.
      </p>
      <FormError form={p.form} />
      <Version r={p.r} />
      <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field
          form={p.form}
          name="quantity"
          label={`Количество, ${UNIT_LABELS[p.r.unit]}`}
          inputmode="decimal"
          required
        />
        <Field form={p.form} name="needed_by" label="Нужно к дате" type="date" />
        <TextArea form={p.form} name="reason" label="Обоснование" class="sm:col-span-2" />
      </div>
      <button class="btn btn-primary" type="submit">
        Отправить на согласование
      </button>
    </form>
  )
}
