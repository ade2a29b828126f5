import { Hono } from 'hono'
import type { z } from 'zod'
import type { AppEnv, Ctx } from '../../app-env.ts'
import { actorOf, userOf } from '../../app-env.ts'
import { redirectWithFlash } from '../../lib/flash.ts'
import { formatDateTime } from '../../lib/format.ts'
import { formValuesOf, readForm, type FormValues } from '../../lib/forms.ts'
import { publishNotifications } from '../../notifications/notifications.live.tsx'
import { userDisplayName } from '../../users/users.queries.ts'
import { ConflictView } from '../../../views/components/ConflictView.tsx'
import { renderError } from '../../../views/layout/ErrorPage.tsx'
import { publishStockChanged } from '../stock.live.tsx'
import type { MaterialRequest } from '../stock.table.ts'
import { loadRequest, renderRequestPage } from './request-page.tsx'
import { requestHref, type RequestRow } from './requests.queries.ts'
import {
  approveForm,
  cancelForm,
  rejectForm,
  SUBMIT_FIELDS,
  submitForm,
} from './requests.schema.ts'
import {
  moveRequest,
  refusalOf,
  RequestRefused,
  REQUEST_ACTIONS,
  type MoveInput,
  type RequestAction,
} from './requests.workflow.ts'

// One request's page and the moves of its workflow: submit, approve, reject, cancel.
export const transitionRoutes = new Hono<AppEnv>()

transitionRoutes.get('/:id', async (c) => {
  const r = await loadRequest(c)
  if (!r) return renderError(c, 404)
  return renderRequestPage(c, r)
})

const FORMS = { submit: submitForm, approve: approveForm, reject: rejectForm, cancel: cancelForm }
const DONE: Record<RequestAction, string> = {
  submit: 'отправлена на согласование',
  approve: 'согласована',
  reject: 'отклонена',
  cancel: 'отменена',
}

// The form's fields as the workflow takes them.
function inputOf(action: RequestAction, data: Record<string, unknown>): MoveInput {
  if (action === 'submit') {
    const d = data as z.output<typeof submitForm>
    return { quantity: d.quantity, needed_by: d.needed_by, reason: d.reason }
  }
  const reason = (data.decision_reason ?? data.cancel_reason ?? null) as string | null
  return { reason }
}

for (const action of REQUEST_ACTIONS)
  transitionRoutes.post(`/:id/${action}`, async (c) => {
    const r = await loadRequest(c)
    if (!r) return renderError(c, 404)
    const refused = refusalOf(userOf(c), r, action)
    if (refused?.status === 403) return renderError(c, 403)
    if (refused) {
      c.status(409)
      return renderRequestPage(c, r, { message: refused.message })
    }
    const form = await readForm(await c.req.parseBody(), FORMS[action])
    if (
      form.ok &&
      action === 'cancel' &&
      r.status === 'draft' &&
      !inputOf(action, form.data).reason
    )
      return invalid(c, r, action, form.values, { cancel_reason: 'Укажите причину отмены' })
    if (!form.ok) return invalid(c, r, action, form.values, form.errors)
    const input = inputOf(action, form.data)
    let result
    try {
      result = await moveRequest(c.get('db'), actorOf(c), r, action, form.data.version, input)
    } catch (e) {
      if (!(e instanceof RequestRefused)) throw e
      c.status(409)
      return renderRequestPage(c, r, { message: e.message })
    }
    if (!result.saved.ok) return conflict(c, r, action, result.saved.current, form.values)
    const live = c.get('deps').live
    await publishNotifications(live, result.notified)
    await publishStockChanged(live)
    return redirectWithFlash(c, requestHref(r.id), `Заявка № ${r.id} ${DONE[action]}`)
  })

function invalid(
  c: Ctx,
  r: RequestRow,
  action: RequestAction,
  values: FormValues,
  errors: Record<string, string>,
) {
  c.status(422)
  return renderRequestPage(c, r, { state: { action, form: { values, errors } } })
}

// Someone changed the request since the form was shown: nothing is written. The edited draft
// gets the comparison view; a decision gets the request as it is now, with the reason.
async function conflict(
  c: Ctx,
  r: RequestRow,
  action: RequestAction,
  current: MaterialRequest,
  typed: FormValues,
) {
  const db = c.get('db')
  const who = await userDisplayName(db, current.updated_by)
  const when = formatDateTime(current.updated_at)
  const fresh = (await loadRequest(c)) ?? r
  c.status(409)
  if (action !== 'submit' || current.status !== 'draft')
    return renderRequestPage(c, fresh, {
      message: `Заявку уже изменил(а) ${who} ${when}. Ваше действие не выполнено: проверьте заявку и повторите, если нужно.`,
    })
  const saved = formValuesOf(
    current,
    SUBMIT_FIELDS.map(([n]) => n),
  )
  return c.render(
    <div class="space-y-4">
      <a class="link text-sm" href={requestHref(r.id)}>
        ← Заявка № {r.id}
      </a>
      <ConflictView
        action={`${requestHref(r.id)}/submit`}
        currentVersion={current.version}
        updatedBy={who}
        updatedAt={when}
        fields={SUBMIT_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: (typed[name] ?? '').trim(),
        }))}
        typed={typed}
        cancelHref={requestHref(r.id)}
      />
    </div>,
    { title: `Заявка № ${r.id}` },
  )
}
