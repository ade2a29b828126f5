import { z } from 'zod'
import { optionalDate, optionalText, requiredText } from '../lib/forms.ts'
import type { DocumentState } from './documents.table.ts'

export const DOCUMENT_STATES: Record<DocumentState, string> = {
  in_office: 'В офисе',
  shipped: 'Отправлен',
  returned: 'Возвращён',
}
export const METHODS = { hand: 'Нарочно', post: 'Почтой', edo: 'ЭДО' } as const
export const CONDITIONS = {
  signed: 'Подписан',
  remarks: 'С замечаниями',
  unsigned: 'Не подписан',
} as const
type Method = keyof typeof METHODS
type Condition = keyof typeof CONDITIONS

const requiredDate = () => optionalDate().refine((v): v is string => !!v, 'Укажите дату')

export const documentForm = z.object({
  type_id: z.coerce.number({ error: 'Выберите тип' }).int().positive('Выберите тип'),
  number: requiredText(100),
  title: requiredText(500),
  doc_date: optionalDate(),
  sheets: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? '').trim()
      if (!s) return null
      if (!/^\d{1,5}$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: 'Целое число листов' })
        return z.NEVER
      }
      return Number(s)
    }),
  notes: optionalText(2000),
})
export type DocumentInput = z.output<typeof documentForm>

export const DOCUMENT_FIELDS: [keyof DocumentInput, string][] = [
  ['type_id', 'Тип'],
  ['number', 'Номер'],
  ['title', 'Наименование'],
  ['doc_date', 'Дата'],
  ['sheets', 'Листов'],
  ['notes', 'Примечание'],
]

export const shipmentForm = z.object({
  recipient: requiredText(300),
  on_date: requiredDate(),
  method: z.enum(Object.keys(METHODS) as [Method, ...Method[]], { error: 'Выберите способ' }),
  notes: optionalText(1000),
})
export type ShipmentInput = z.output<typeof shipmentForm>

export const returnForm = z.object({
  on_date: requiredDate(),
  condition: z.enum(Object.keys(CONDITIONS) as [Condition, ...Condition[]], {
    error: 'Выберите состояние',
  }),
  notes: optionalText(1000),
})
export type ReturnInput = z.output<typeof returnForm>

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
export const documentQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  type: z.coerce.number().int().positive().optional().catch(undefined),
  state: z.enum(['in_office', 'shipped', 'returned']).optional().catch(undefined),
  recipient: z.string().trim().max(100).optional().catch(undefined),
  project: z.coerce.number().int().positive().optional().catch(undefined),
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
  overdue: z.enum(['1']).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type DocumentQuery = z.output<typeof documentQuery>
