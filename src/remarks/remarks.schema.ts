import { z } from 'zod'
import { optionalDate, optionalId, optionalText, requiredText } from '../lib/forms.ts'
import type { RemarkPriority, RemarkStatus } from './remarks.table.ts'

export const STATUSES: Record<RemarkStatus, string> = {
  new: 'Новое',
  in_progress: 'В работе',
  fixed: 'Исправлено',
  verified: 'Проверено',
  closed: 'Закрыто',
  rejected: 'Отклонено',
}
export const PRIORITIES: Record<RemarkPriority, string> = {
  low: 'Низкий',
  normal: 'Обычный',
  high: 'Высокий',
  critical: 'Критический',
}
export const OPEN_STATUSES: RemarkStatus[] = ['new', 'in_progress', 'fixed', 'verified']
const statusKeys = Object.keys(STATUSES) as [RemarkStatus, ...RemarkStatus[]]
const priorityKeys = Object.keys(PRIORITIES) as [RemarkPriority, ...RemarkPriority[]]

export const remarkForm = z.object({
  title: requiredText(300),
  description: optionalText(4000),
  location: optionalText(200),
  priority: z.enum(priorityKeys, { error: 'Выберите приоритет' }),
  assignee_id: optionalId(),
  deadline: optionalDate(),
})
export type RemarkInput = z.output<typeof remarkForm>

export const REMARK_FIELDS: [keyof RemarkInput, string][] = [
  ['title', 'Суть замечания'],
  ['description', 'Описание'],
  ['location', 'Место (км, пикет)'],
  ['priority', 'Приоритет'],
  ['assignee_id', 'Исполнитель'],
  ['deadline', 'Срок устранения'],
]

export const transitionForm = z.object({
  to: z.enum(statusKeys, { error: 'Неизвестный статус' }),
  comment: optionalText(2000),
})

export const commentForm = z.object({ comment: requiredText(2000) })

export const remarkQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z
    .enum([...statusKeys, 'open'] as [string, ...string[]])
    .optional()
    .catch(undefined),
  priority: z.enum(priorityKeys).optional().catch(undefined),
  assignee: z.coerce.number().int().positive().optional().catch(undefined),
  project: z.coerce.number().int().positive().optional().catch(undefined),
  mine: z.enum(['1']).optional().catch(undefined),
  overdue: z.enum(['1']).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type RemarkQuery = z.output<typeof remarkQuery>

// The remark number: '{code}-{NNN}' by default (REMARK_NUMBER_FORMAT), e.g. «Р-12-014».
export function formatRemarkNumber(format: string, code: string, seq: number) {
  return format
    .replace('{code}', code)
    .replace('{NNN}', String(seq).padStart(3, '0'))
    .replace('{N}', String(seq))
}
