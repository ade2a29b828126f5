// Everything a user reads is in Russian format and Moscow time.
const TZ = 'Europe/Moscow'

// Numbers: «1 234,5» (ru-RU groups with a no-break space and uses a decimal comma). Volumes and
// hours keep two decimals; lengths and widths of marking need more (formatNumber(0.625, 4)).
const numbers = new Map<number, Intl.NumberFormat>()
function numberFormat(digits: number) {
  let f = numbers.get(digits)
  if (!f)
    numbers.set(digits, (f = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits })))
  return f
}
export const formatNumber = (n: number | string | null | undefined, digits = 2) => {
  if (n == null || n === '') return ''
  const v = Number(n) // PostgreSQL's numeric and count() come back as strings
  return Number.isFinite(v) ? numberFormat(digits).format(v) : ''
}

// A number with its unit, never split across lines: «1 234,5 м²», «350 кг», «12 %».
export const withUnit = (n: number | string | null | undefined, unit: string, digits = 2) => {
  const text = formatNumber(n, digits)
  return text && `${text}\u00a0${unit}`
}
export const formatArea = (m2: number | string | null | undefined) => withUnit(m2, 'м²')
export const formatMetres = (m: number | string | null | undefined) => withUnit(m, 'м')

const UNITS = { kg: 'кг', t: 'т', l: 'л', pcs: 'шт' } as const
// Warehouse quantities to three decimals (a tonne to the kilogram): «1 234,567 т».
export const formatQuantity = (
  n: number | string | null | undefined,
  unit: keyof typeof UNITS | string,
) => withUnit(n, UNITS[unit as keyof typeof UNITS] ?? unit, 3)
export const formatPercent = (n: number | null | undefined, digits = 0) => withUnit(n, '%', digits)

const day = new Intl.DateTimeFormat('ru-RU', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})

// 'YYYY-MM-DD' -> 'ДД.ММ.ГГГГ' as it is (a calendar day has no time zone); a moment (a Date or
// an ISO timestamp with its zone) -> the day it is in Moscow, so 23:30 UTC is already tomorrow.
export function formatDate(d: string | Date | null | undefined) {
  if (!d) return ''
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d)
    if (!m) return d
    // Only a timestamp that says its zone is a moment; anything else is read as written.
    if (!/[T ]\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(d)) return `${m[3]}.${m[2]}.${m[1]}`
  }
  const at = new Date(d)
  return Number.isNaN(at.getTime()) ? String(d) : day.format(at)
}

const dt = new Intl.DateTimeFormat('ru-RU', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
// «26.11.2026 10:32», Moscow time.
export const formatDateTime = (iso: string | Date | null | undefined) =>
  iso ? dt.format(new Date(iso)).replace(',', '') : ''

const hm = new Intl.DateTimeFormat('ru-RU', { timeZone: TZ, hour: '2-digit', minute: '2-digit' })
export const formatTime = (iso: string | Date) => hm.format(new Date(iso))

// «Иванова Мария Ивановна» -> «Иванова М. И.»
export function shortName(full: string) {
  const [last, ...rest] = full.trim().split(/\s+/)
  return [last, ...rest.map((p) => `${p[0]}.`)].join(' ')
}

export function initials(full: string) {
  const parts = full.trim().split(/\s+/)
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase()
}

// The normalized text that search compares against: lower case, ё folded to е.
export const searchText = (...parts: (string | null | undefined)[]) =>
  parts.filter(Boolean).join(' ').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim()

// Russian plural forms: plural(1, …) «замечание», plural(2, …) «замечания», plural(5, …) «замечаний».
export function plural(n: number, one: string, few: string, many: string) {
  const m10 = n % 10
  const m100 = n % 100
  if (m10 === 1 && m100 !== 11) return one
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few
  return many
}

// «1 замечание», «2 замечания», «1 234 замечания».
export const countOf = (n: number, one: string, few: string, many: string) =>
  `${formatNumber(n)} ${plural(n, one, few, many)}`
