import { z } from 'zod'

z.config(z.locales.ru())

export type FieldErrors = Record<string, string>
export type FormValues = Record<string, string>

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues }

// Parse a posted form. The typed values come back either way, so a form shown again with
// errors keeps everything the user typed.
export async function readForm<S extends z.ZodType>(
  body: Record<string, unknown>,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  const values: FormValues = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v
  const r = await schema.safeParseAsync(values)
  if (r.success) return { ok: true, data: r.data, values }
  const errors: FieldErrors = {}
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '_form')
    errors[key] ??= issue.message
  }
  return { ok: false, errors, values }
}

const REQUIRED = 'Заполните поле'

export const requiredText = (max = 200) =>
  z.string({ error: REQUIRED }).trim().min(1, REQUIRED).max(max, `Не длиннее ${max} символов`)

export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `Не длиннее ${max} символов`)
    .optional()
    .transform((v) => v || null)

// Numbers typed with a comma or a dot, spaces as thousands separators: «1 234,5».
export const optionalDecimal = (opts: { min?: number; max?: number } = {}) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? '').replace(/[\s\u00a0]/g, '').replace(',', '.')
      if (!s) return null
      const n = Number(s)
      if (!/^-?\d+(\.\d+)?$/.test(s) || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: 'Введите число, например 12,5' })
        return z.NEVER
      }
      if (opts.min !== undefined && n < opts.min) {
        ctx.addIssue({ code: 'custom', message: `Не меньше ${opts.min}` })
        return z.NEVER
      }
      if (opts.max !== undefined && n > opts.max) {
        ctx.addIssue({ code: 'custom', message: `Не больше ${opts.max}` })
        return z.NEVER
      }
      return n
    })

// A date from <input type=date> (YYYY-MM-DD) or typed by hand as ДД.ММ.ГГГГ.
export const optionalDate = () =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? '').trim()
      if (!s) return null
      let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
      let iso = m ? s : null
      m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s)
      if (m) iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`
      const d = iso ? new Date(`${iso}T00:00:00Z`) : null
      if (!iso || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
        ctx.addIssue({ code: 'custom', message: 'Введите дату в формате ДД.ММ.ГГГГ' })
        return z.NEVER
      }
      return iso
    })

export const optionalId = () =>
  z
    .string()
    .optional()
    .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null))

export const versionField = () => z.coerce.number({ error: 'Неверная версия' }).int().min(1)

// A record's values as the strings a form shows.
export function formValuesOf(row: Record<string, unknown>, names: string[]): FormValues {
  const out: FormValues = {}
  for (const n of names) {
    const v = row[n]
    out[n] = v == null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : String(v)
  }
  return out
}

// Route ids: anything but a positive integer is simply "not found".
export const parseId = (s: string | undefined) => (s && /^\d{1,12}$/.test(s) ? Number(s) : null)
