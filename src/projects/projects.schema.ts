import { z } from 'zod'
import { MATERIALS, type MaterialCode } from '../materials/materials.ts'
import {
  optionalDate,
  optionalDecimal,
  optionalId,
  optionalText,
  requiredText,
} from '../lib/forms.ts'

export const PROJECT_STATUSES = {
  planned: 'Планируется',
  active: 'В работе',
  suspended: 'Приостановлен',
  completed: 'Завершён',
} as const
export type ProjectStatus = keyof typeof PROJECT_STATUSES
const statusKeys = Object.keys(PROJECT_STATUSES) as [ProjectStatus, ...ProjectStatus[]]

export const DEFAULT_CONTRACTOR = 'ООО «Строд-Сервис Технолоджи»'

const volumeFields = Object.fromEntries(
  MATERIALS.map(([code]) => [`plan_${code}`, optionalDecimal({ min: 0, max: 1e9 })]),
) as Record<`plan_${MaterialCode}`, ReturnType<typeof optionalDecimal>>

export const projectForm = z
  .object({
    contractor: requiredText(300),
    customer_id: optionalId(),
    name: requiredText(500),
    short_name: requiredText(100),
    code: requiredText(30).refine(
      (v) => /^[\p{L}\d._/-]+$/u.test(v),
      'Только буквы, цифры и - _ . /',
    ),
    contract_number: optionalText(100),
    contract_date: optionalDate(),
    length_km: optionalDecimal({ min: 0, max: 100000 }),
    asphalt_date: optionalDate(),
    start_date: optionalDate(),
    end_date: optionalDate(),
    status: z.enum(statusKeys, { error: 'Выберите статус' }),
    comments: optionalText(4000),
    ...volumeFields,
  })
  .refine((v) => !v.start_date || !v.end_date || v.start_date <= v.end_date, {
    path: ['end_date'],
    message: 'Окончание раньше начала',
  })
export type ProjectForm = z.output<typeof projectForm>

// Labels of every field, in form order: the conflict view and the audit read them.
export const PROJECT_FIELDS: [string, string][] = [
  ['contractor', 'Подрядчик'],
  ['customer_id', 'Заказчик'],
  ['name', 'Полное наименование объекта'],
  ['short_name', 'Краткое наименование'],
  ['code', 'Шифр проекта'],
  ['contract_number', 'Номер контракта'],
  ['contract_date', 'Дата контракта'],
  ['length_km', 'Протяжённость, км'],
  ['asphalt_date', 'Дата укладки асфальта'],
  ['start_date', 'Начало работ'],
  ['end_date', 'Окончание работ'],
  ['status', 'Статус'],
  ['comments', 'Комментарий'],
  ...MATERIALS.map(([code, label]) => [`plan_${code}`, `План, м²: ${label}`] as [string, string]),
]

export const PROJECT_SORTS = {
  name: { column: 'projects.short_name', dir: 'asc', label: 'По названию' },
  code: { column: 'projects.code', dir: 'asc', label: 'По шифру' },
  updated: { column: 'projects.updated_at', dir: 'desc', label: 'Недавно изменённые' },
} as const
export type ProjectSort = keyof typeof PROJECT_SORTS

export const projectQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(statusKeys).optional().catch(undefined),
  customer: z.coerce.number().int().positive().optional().catch(undefined),
  sort: z.enum(['name', 'code', 'updated']).default('name').catch('name'),
  deleted: z.enum(['1']).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type ProjectQuery = z.output<typeof projectQuery>
