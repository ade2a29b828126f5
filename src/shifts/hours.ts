// Hours of work as the company counts them: in Moscow time (UTC+3 all year since 2014), in
// whole minutes (an instant is cut to its minute, as the times on screen are). Pure functions.
const MSK = 3 * 3600_000
const MINUTE = 60_000
const DAY_MIN = 24 * 60

export interface Interval {
  started_at: string
  ended_at: string | null // an open shift counts up to `now`
}

// The part of one shift that falls on one Moscow day, in minutes since that day's midnight.
export interface DayPart<T extends Interval> {
  day: string // YYYY-MM-DD
  from: number
  to: number
  minutes: number
  shift: T
}

export interface DaySheet<T extends Interval> {
  day: string
  parts: DayPart<T>[]
  minutes: number
}

export interface MonthSheet<T extends Interval> {
  days: DaySheet<T>[]
  minutes: number
  shifts: number // shifts with any part in the month
}

// Minutes since 1970-01-01 00:00 Moscow.
const mskMinute = (iso: string | Date) => Math.floor((new Date(iso).getTime() + MSK) / MINUTE)
const dayOf = (mskDay: number) => new Date(mskDay * DAY_MIN * MINUTE).toISOString().slice(0, 10)
const mskDayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / (DAY_MIN * MINUTE)

export const moscowMonth = (now = new Date()) =>
  new Date(now.getTime() + MSK).toISOString().slice(0, 7)

export function shiftMonth(month: string, delta: number) {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return d.toISOString().slice(0, 7)
}

// A Moscow month as UTC instants [from, to) and its days.
export function monthRange(month: string) {
  const first = mskDayNumber(`${month}-01`)
  const next = mskDayNumber(`${shiftMonth(month, 1)}-01`)
  const days = Array.from({ length: next - first }, (_, i) => dayOf(first + i))
  const at = (d: number) => new Date(d * DAY_MIN * MINUTE - MSK).toISOString()
  return { from: at(first), to: at(next), days }
}

// A shift cut at every Moscow midnight it crosses.
export function splitByDay<T extends Interval>(shift: T, now: Date): DayPart<T>[] {
  const start = mskMinute(shift.started_at)
  const end = Math.max(start, mskMinute(shift.ended_at ?? now))
  const parts: DayPart<T>[] = []
  for (let d = Math.floor(start / DAY_MIN); d * DAY_MIN < end || parts.length === 0; d++) {
    const from = Math.max(start, d * DAY_MIN) - d * DAY_MIN
    const to = Math.min(end, (d + 1) * DAY_MIN) - d * DAY_MIN
    parts.push({ day: dayOf(d), from, to, minutes: to - from, shift })
  }
  return parts
}

// One month's sheet: each day's parts and total; a shift across the month's edge counts only
// its part inside the month.
export function monthSheet<T extends Interval>(shifts: T[], month: string, now: Date) {
  const byDay = new Map<string, DayPart<T>[]>()
  const counted = new Set<T>()
  for (const s of shifts)
    for (const p of splitByDay(s, now)) {
      if (!p.day.startsWith(`${month}-`)) continue
      counted.add(s)
      byDay.set(p.day, [...(byDay.get(p.day) ?? []), p])
    }
  const days = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, parts]) => ({
      day,
      parts: parts.sort((a, b) => a.from - b.from),
      minutes: parts.reduce((s, p) => s + p.minutes, 0),
    }))
  const sheet: MonthSheet<T> = {
    days,
    minutes: days.reduce((s, d) => s + d.minutes, 0),
    shifts: counted.size,
  }
  return sheet
}

export const shiftMinutes = (s: Interval, now: Date) =>
  Math.max(0, mskMinute(s.ended_at ?? now) - mskMinute(s.started_at))

// 555 -> «9 ч 15 мин»
export function formatDuration(minutes: number) {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (!h) return `${m} мин`
  return m ? `${h} ч ${m} мин` : `${h} ч`
}

// Hours as a number with two decimals (the sheet and the Excel file show these).
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100

// 480 -> «08:00»; 1440 -> «24:00» (the end of a part that runs to midnight).
export const clock = (minuteOfDay: number) =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`

// <input type="datetime-local"> speaks Moscow wall time: 'YYYY-MM-DDTHH:MM'.
export const toMoscowInput = (iso: string) =>
  new Date(new Date(iso).getTime() + MSK).toISOString().slice(0, 16)

export function fromMoscowInput(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim())
  if (!m) return null
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:00+03:00`)
  if (Number.isNaN(d.getTime()) || toMoscowInput(d.toISOString()) !== `${m[1]}T${m[2]}:${m[3]}`)
    return null
  return d.toISOString()
}

const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
]
// '2026-11' -> «ноябрь 2026»
export const monthName = (month: string) =>
  `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
