import { z } from 'zod'
import {
  optionalDate,
  optionalDecimal,
  optionalId,
  optionalText,
  requiredText,
} from '../lib/forms.ts'

const need = <T>(v: T | null): v is T => v !== null

// A receipt: the batch's passport data and the quantity that arrived.
export const batchForm = z
  .object({
    number: requiredText(100),
    material_id: optionalId().refine(need, 'Выберите материал'),
    warehouse_id: optionalId().refine(need, 'Выберите склад'),
    location: optionalText(200),
    manufacturer: optionalText(200),
    supplier: optionalText(200),
    manufactured_on: optionalDate(),
    shelf_life_months: optionalDecimal({ min: 1, max: 240 }),
    expires_on: optionalDate(),
    received_on: optionalDate().refine(need, 'Укажите дату прихода'),
    received_qty: optionalDecimal({ min: 0.001, max: 10_000_000 }).refine(
      need,
      'Укажите количество',
    ),
    notes: optionalText(1000),
    request_id: optionalId(),
  })
  .transform((v, ctx) => {
    if (v.shelf_life_months !== null && !Number.isInteger(v.shelf_life_months))
      ctx.addIssue({ code: 'custom', path: ['shelf_life_months'], message: 'Целое число месяцев' })
    const expires = v.expires_on ?? expiryOf(v.manufactured_on, v.shelf_life_months)
    if (expires && v.manufactured_on && expires < v.manufactured_on)
      ctx.addIssue({
        code: 'custom',
        path: ['expires_on'],
        message: 'Срок годности раньше даты изготовления',
      })
    return {
      ...v,
      material_id: v.material_id as number,
      warehouse_id: v.warehouse_id as number,
      received_on: v.received_on as string,
      received_qty: v.received_qty as number,
      shelf_life_months: v.shelf_life_months === null ? null : Math.round(v.shelf_life_months),
      expires_on: expires,
    }
  })
export type BatchInput = z.output<typeof batchForm>

// The passport fields a storekeeper may correct later (quantities move only by the ledger).
export const BATCH_EDIT_FIELDS = [
  ['number', 'Номер партии'],
  ['location', 'Место хранения'],
  ['manufacturer', 'Изготовитель'],
  ['supplier', 'Поставщик'],
  ['manufactured_on', 'Дата изготовления'],
  ['shelf_life_months', 'Срок хранения, мес.'],
  ['expires_on', 'Годна до'],
  ['notes', 'Примечание'],
] as const

export const batchEditForm = z
  .object({
    number: requiredText(100),
    location: optionalText(200),
    manufacturer: optionalText(200),
    supplier: optionalText(200),
    manufactured_on: optionalDate(),
    shelf_life_months: optionalDecimal({ min: 1, max: 240 }),
    expires_on: optionalDate(),
    notes: optionalText(1000),
  })
  .transform((v) => ({
    ...v,
    shelf_life_months: v.shelf_life_months === null ? null : Math.round(v.shelf_life_months),
    expires_on: v.expires_on ?? expiryOf(v.manufactured_on, v.shelf_life_months),
  }))
export type BatchEditInput = z.output<typeof batchEditForm>

// Manufacture date + shelf life in months → the last day it may be used.
export function expiryOf(made: string | null, months: number | null): string | null {
  if (!made || !months) return null
  const d = new Date(`${made}T00:00:00Z`)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + Math.round(months))
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d.toISOString().slice(0, 10)
}

export const MOVEMENT_KINDS = ['issue', 'return', 'writeoff', 'correction'] as const

export const movementForm = z.object({
  kind: z.enum(MOVEMENT_KINDS, { error: 'Выберите операцию' }),
  quantity: optionalDecimal({ max: 10_000_000 }).refine(
    (v): v is number => v !== null && v !== 0,
    'Укажите количество',
  ),
  moved_on: optionalDate().refine(need, 'Укажите дату'),
  project_id: optionalId(),
  crew_id: optionalId(),
  reason: optionalText(500),
  correct: z.enum(['1']).optional(),
  correction_reason: optionalText(500),
})
export type MovementFormInput = z.output<typeof movementForm>

export const BATCH_STATUSES = ['ok', 'expired', 'blocked', 'incomplete', 'empty'] as const

export const batchQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  material: z.coerce.number().int().positive().optional().catch(undefined),
  warehouse: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(BATCH_STATUSES).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type BatchQuery = z.output<typeof batchQuery>
