import type { Actor } from '../../app-env.ts'
import { can, type CurrentUser } from '../../auth/current-user.ts'
import { nowIso } from '../../db/business.ts'
import type { Db } from '../../db/connect.ts'
import { updateVersioned } from '../../db/versioned-update.ts'
import { notify } from '../../notifications/notifications.queries.ts'
import type { RequestStatus } from '../stock.table.ts'
import { requestHref, requestSummary, type RequestRow } from './requests.queries.ts'
import { approversOf, ENTITY, others, requesterOf, staffWhoSee } from './requests.recipients.ts'
import { REQUEST_STATUSES } from './requests.schema.ts'

export type RequestAction = 'submit' | 'approve' | 'reject' | 'cancel'
export const REQUEST_ACTIONS: RequestAction[] = ['submit', 'approve', 'reject', 'cancel']

const TARGET: Record<RequestAction, RequestStatus> = {
  submit: 'pending',
  approve: 'approved',
  reject: 'rejected',
  cancel: 'cancelled',
}

export interface Refusal {
  status: 403 | 409
  message: string
}

const mayManageDrafts = (u: CurrentUser) => can(u, 'requests.approve') || can(u, 'stock.write')
const now = (s: RequestStatus) => `Сейчас заявка: «${REQUEST_STATUSES[s]}».`

// Why this user may not do this to the request now: 403 for the role, 409 for the state.
export function refusalOf(
  user: CurrentUser,
  r: Pick<RequestRow, 'status' | 'created_by'>,
  action: RequestAction,
): Refusal | null {
  const forbidden: Refusal = { status: 403, message: 'Нет прав на это действие' }
  if (action === 'submit') {
    if (!mayManageDrafts(user)) return forbidden
    if (r.status !== 'draft')
      return {
        status: 409,
        message: `На согласование отправляют только черновик. ${now(r.status)}`,
      }
    return null
  }
  if (action === 'approve' || action === 'reject') {
    if (!can(user, 'requests.approve')) return forbidden
    if (r.status !== 'pending')
      return {
        status: 409,
        message: `Решение принимают только по заявке на согласовании. ${now(r.status)}`,
      }
    return null
  }
  if (r.status === 'draft') return mayManageDrafts(user) ? null : forbidden
  if (r.status === 'pending') return r.created_by === user.id ? null : forbidden
  return { status: 409, message: `Эту заявку уже нельзя отменить. ${now(r.status)}` }
}

export const allowedActions = (user: CurrentUser, r: Pick<RequestRow, 'status' | 'created_by'>) =>
  REQUEST_ACTIONS.filter((a) => !refusalOf(user, r, a))

export const canFulfil = (user: CurrentUser, r: Pick<RequestRow, 'status'>) =>
  r.status === 'approved' && can(user, 'stock.write')

export class RequestRefused extends Error {}

export interface MoveInput {
  quantity?: number
  needed_by?: string | null
  reason?: string | null // submit: the request's reason; otherwise the decision's
}

// One transition against the version the user saw, with its audit entry and notifications in
// the same transaction; the users notified come back for their bells after the commit.
export async function moveRequest(
  db: Db,
  actor: Actor,
  r: RequestRow,
  action: RequestAction,
  version: number,
  input: MoveInput,
) {
  let notified: number[] = []
  const saved = await updateVersioned(
    db,
    actor,
    { table: 'material_requests', entity: ENTITY, id: r.id, version },
    (before) => {
      // A form with a made-up version must not skip the state check done on the loaded row.
      if (before.version === version && before.status !== r.status)
        throw new RequestRefused(`Заявка уже изменена. ${now(before.status)}`)
      if (action === 'submit')
        return {
          status: TARGET.submit,
          quantity: input.quantity,
          needed_by: input.needed_by ?? null,
          reason: input.reason ?? null,
        }
      return {
        status: TARGET[action],
        decided_by: actor.userId,
        decided_at: nowIso(),
        decision_reason: input.reason ?? null,
      }
    },
    async (trx, _before, row) => {
      notified = await announce(trx, actor, { ...r, quantity: row.quantity }, action, input.reason)
      return { action: `${ENTITY}.${action}` }
    },
  )
  return { saved, notified }
}

const TITLES: Partial<Record<RequestAction, string>> = {
  submit: 'ждёт согласования',
  approve: 'согласована',
  reject: 'отклонена',
}

// Submitted: the approvers. Decided: the requester; approved: also the storekeepers, who
// register the receipt.
async function announce(
  trx: Db,
  actor: Actor,
  r: RequestRow,
  action: RequestAction,
  reason: string | null | undefined,
) {
  if (action === 'cancel') return []
  const ids =
    action === 'submit'
      ? await approversOf(trx, r.project_id)
      : [
          await requesterOf(trx, r),
          ...(action === 'approve' ? await staffWhoSee(trx, ['storekeeper'], r.project_id) : []),
        ]
  const to = others(ids, actor)
  const summary = requestSummary(r)
  await notify(trx, to, {
    kind: `request.${TARGET[action]}`,
    title: `Заявка на материал № ${r.id} ${TITLES[action]}`,
    body: reason && action !== 'submit' ? `${summary}. ${reason}` : summary,
    href: requestHref(r.id),
  })
  return to
}
