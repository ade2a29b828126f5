import { z } from 'zod'
import { optionalText, requiredText } from '../lib/forms.ts'

export const customerForm = z.object({
  name: requiredText(300),
  inn: optionalText(12).refine((v) => !v || /^(\d{10}|\d{12})$/.test(v), 'ИНН: 10 или 12 цифр'),
  contact_info: optionalText(1000),
  address: optionalText(500),
  comments: optionalText(2000),
})
export type CustomerInput = z.output<typeof customerForm>

export const CUSTOMER_FIELDS: [keyof CustomerInput, string][] = [
  ['name', 'Наименование'],
  ['inn', 'ИНН'],
  ['contact_info', 'Контакты'],
  ['address', 'Адрес'],
  ['comments', 'Комментарий'],
]

export const customerQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  deleted: z.enum(['1']).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type CustomerQuery = z.output<typeof customerQuery>
