// Calendar arithmetic of the weekly report on 'YYYY-MM-DD' strings (UTC, no time of day).
//
// Working days are Monday to Friday. Public holidays and transferred working Saturdays of the
// Russian production calendar are not modelled: a plan row's volume is spread evenly over the
// weekdays of its planned span, which is what the desktop app's weekly summary approximated
// and what a foreman's schedule usually means. A span with no weekday at all (a weekend job)
// is spread over its calendar days instead, so its volume is never lost.

const DAY_MS = 86_400_000
const ISO = /^\d{4}-\d{2}-\d{2}$/

const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`)
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export function isIsoDate(d: string) {
  if (!ISO.test(d)) return false
  const ms = toMs(d)
  return Number.isFinite(ms) && fromMs(ms) === d
}

export const addDays = (d: string, n: number) => fromMs(toMs(d) + n * DAY_MS)

// 0 = Monday … 6 = Sunday.
export const weekday = (d: string) => (new Date(toMs(d)).getUTCDay() + 6) % 7

// The Monday of the week the date falls in.
export const mondayOf = (d: string) => addDays(d, -weekday(d))

// The Sunday that ends the week starting on this Monday.
export const weekEndOf = (monday: string) => addDays(monday, 6)

const daysBetween = (from: string, to: string) => Math.round((toMs(to) - toMs(from)) / DAY_MS)

// Calendar days from `from` to `to`, both included; 0 when to < from.
export const calendarDays = (from: string, to: string) => Math.max(0, daysBetween(from, to) + 1)

// Monday–Friday days from `from` to `to`, both included; 0 when to < from.
export function workingDays(from: string, to: string): number {
  const n = calendarDays(from, to)
  if (!n) return 0
  const full = Math.floor(n / 7)
  let count = full * 5
  const first = weekday(from)
  for (let i = 0; i < n % 7; i++) if ((first + i) % 7 < 5) count++
  return count
}

export interface WeekShare {
  days: number // the row's days inside the week
  total: number // the row's days over its whole planned span
  unit: 'working' | 'calendar'
}

// How much of a planned span [start, end] falls in the week starting on `monday`, counted in
// working days (calendar days for a weekend-only span). Null for a span that cannot be placed:
// a missing date or an end before the start.
export function weekShare(
  start: string | null,
  end: string | null,
  monday: string,
): WeekShare | null {
  if (!start || !end || end < start) return null
  const from = start > monday ? start : monday
  const sunday = weekEndOf(monday)
  const to = end < sunday ? end : sunday
  const total = workingDays(start, end)
  if (total > 0) return { days: workingDays(from, to), total, unit: 'working' }
  return { days: calendarDays(from, to), total: calendarDays(start, end), unit: 'calendar' }
}

// The part of a row's plan that falls in the week: plan × days in the week / days of the span.
export function weekPlan(plan: number, start: string | null, end: string | null, monday: string) {
  const share = weekShare(start, end, monday)
  if (!share || !share.days) return 0
  return (plan * share.days) / share.total
}

export const round2 = (n: number) => Math.round(n * 100) / 100

// Fact against the week's plan, in % with one decimal; null without a plan.
export const percentOf = (fact: number, plan: number) =>
  plan > 0 ? Math.round((fact / plan) * 1000) / 10 : null
