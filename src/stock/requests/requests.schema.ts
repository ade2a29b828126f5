import { z } from 'zod'
import {
  optionalDate,
  optionalDecimal,
  optionalId,
  optionalText,
  versionField,
} from '../../lib/forms.ts'
import { moscowToday } from '../../documents/state.ts'
import type { RequestStatus } from '../stock.table.ts'

export const REQUEST_STATUSES: Record<RequestStatus, string> = {
  draft: 'Черновик',
  pending: 'На согласовании',
  approved: 'Согласована',
  rejected: 'Отклонена',
  fulfilled: 'Выполнена',
  cancelled: 'Отменена',
}
export const OPEN_REQUEST_STATUSES: RequestStatus[] = ['draft', 'pending', 'approved']
const statusKeys = Object.keys(REQUEST_STATUSES) as [RequestStatus, ...RequestStatus[]]

const MAX_QTY = 10_000_000

// An optional field made required: the message when empty, and a non-null type after.
const required =
  (message: string) =>
  <T>(v: T | null, ctx: z.RefinementCtx): T => {
    if (v !== null) return v
    ctx.addIssue({ code: 'custom', message })
    return z.NEVER
  }

const quantity = () =>
  optionalDecimal({ max: MAX_QTY })
    .transform(required('Укажите количество'))
    .refine((v) => v > 0, 'Количество должно быть больше нуля')

// A new request from a site: what, how much, by when and why.
export const requestForm = z.object({
  project_id: optionalId().transform(required('Выберите проект')),
  material_id: optionalId().transform(required('Выберите материал')),
  quantity: quantity(),
  needed_by: optionalDate()
    .transform(required('Укажите, к какой дате нужен материал'))
    .refine((d) => d >= moscowToday(), 'Дата не может быть раньше сегодняшней'),
  reason: optionalText(1000),
})
export type RequestInput = z.output<typeof requestForm>

// A draft of stock control sent for approval, possibly corrected first.
export const submitForm = z.object({
  version: versionField(),
  quantity: quantity(),
  needed_by: optionalDate(),
  reason: optionalText(1000),
})
export type SubmitInput = z.output<typeof submitForm>

export const SUBMIT_FIELDS = [
  ['quantity', 'Количество'],
  ['needed_by', 'Нужно к дате'],
  ['reason', 'Обоснование'],
] as const

const REJECT_REASON = 'Укажите причину отклонения'
export const approveForm = z.object({
  version: versionField(),
  decision_reason: optionalText(1000),
})
export const rejectForm = z.object({
  version: versionField(),
  decision_reason: z
    .string({ error: REJECT_REASON })
    .trim()
    .min(1, REJECT_REASON)
    .max(1000, 'Не длиннее 1000 символов'),
})
// A cancelled draft needs a reason; the author withdrawing their own request does not.
export const cancelForm = z.object({ version: versionField(), cancel_reason: optionalText(1000) })

export const requestQuery = z.object({
  status: z
    .enum([...statusKeys, 'open'])
    .optional()
    .catch(undefined),
  project: z.coerce.number().int().positive().optional().catch(undefined),
  material: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type RequestQuery = z.output<typeof requestQuery>
