import { z } from 'zod'
import { fromMoscowInput } from './hours.ts'

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .optional()
  .catch(undefined)
const userId = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)

export const timesheetQuery = z.object({ month, user: userId })
export const teamQuery = z.object({ month })
export const exportForm = z.object({ month, user: userId, scope: z.enum(['team']).optional() })

// A Moscow wall time from <input type="datetime-local">, stored as a UTC instant.
const moscowDateTime = (message: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null
      const iso = fromMoscowInput(v)
      if (!iso) ctx.addIssue({ code: 'custom', message })
      return iso ?? z.NEVER
    })

const REASON = 'Укажите причину исправления'

export const correctionForm = z.object({
  started_at: moscowDateTime('Введите дату и время начала').refine(
    (v): v is string => !!v,
    'Укажите начало смены',
  ),
  ended_at: moscowDateTime('Введите дату и время окончания'),
  reason: z.string({ error: REASON }).trim().min(1, REASON).max(500, 'Не длиннее 500 символов'),
})
export type CorrectionForm = z.output<typeof correctionForm>

// Where a header form returns to: a path of this app only (never '//host' or a backslash).
export const safeBack = (v: unknown) =>
  typeof v === 'string' && v.length <= 1000 && /^\/(?![/\\])[^\s\\]*$/.test(v) ? v : '/'
