import { z } from 'zod'
import { optionalDate, optionalDecimal, optionalId, optionalText } from '../lib/forms.ts'

// Guard rails: a day of one crew rarely exceeds these; beyond them the user must confirm.
export const MAX_METRES_PER_LINE = 20_000
export const MAX_PIECES_PER_LINE = 2_000
export const MAX_WIDTH_M = 1
export const LINES_PER_FORM = 5

// The head of the form: the day, the crew, the section (the lines share them).
export const entryHead = z.object({
  work_date: optionalDate().refine((v): v is string => !!v, 'Укажите дату'),
  crew_id: optionalId(),
  section: optionalText(200),
  confirm: z.enum(['1']).optional(),
})

// One line: material and marking type, then metres (a line) or pieces (a symbol).
export const entryLine = z.object({
  material_code: z.string().trim().min(1, 'Выберите материал').max(40),
  marking_type_id: z.coerce
    .number({ error: 'Выберите тип разметки' })
    .int()
    .positive('Выберите тип разметки'),
  width: optionalDecimal({ min: 0 }),
  metres: optionalDecimal({ min: 0 }),
  pieces: optionalDecimal({ min: 0 }),
  notes: optionalText(500),
  batch_id: optionalId(), // the warehouse batch used; its consumption is then offered
})
export type EntryLine = z.output<typeof entryLine>

export const worklogQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  crew: z.coerce.number().int().positive().optional().catch(undefined),
  material: z.string().max(40).optional().catch(undefined),
  project: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type WorklogQuery = z.output<typeof worklogQuery>
