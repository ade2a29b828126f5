// Everything a user reads is in Russian format and Moscow time.
const TZ = 'Europe/Moscow'

const num = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 })
export const formatNumber = (n: number | null | undefined) => (n == null ? '' : num.format(n))

// 'YYYY-MM-DD' -> 'ДД.ММ.ГГГГ'
export function formatDate(d: string | null | undefined) {
  if (!d) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : d
}

const dt = new Intl.DateTimeFormat('ru-RU', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dt.format(new Date(iso)).replace(',', '') : ''

const hm = new Intl.DateTimeFormat('ru-RU', { timeZone: TZ, hour: '2-digit', minute: '2-digit' })
export const formatTime = (iso: string) => hm.format(new Date(iso))

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
