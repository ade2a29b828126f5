// The desktop app wrote SQLite text timestamps in the old PC's local time (Moscow, UTC+3, no
// DST since 2014) without a zone: '2026-01-13 09:12:53', '2026-01-20 09:12:53.792745', or a
// bare date. Here they become UTC ISO strings (timestamps) or Moscow calendar days (dates).

const MSK_OFFSET_MIN = 180
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

interface Parsed {
  utcMs: number
}

function parse(text: unknown): Parsed | null {
  if (typeof text !== 'string') return null
  const m = PATTERN.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const ms = Number(frac.slice(0, 3).padEnd(3, '0')) // microseconds are cut, not rounded
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms)
  const check = new Date(wall)
  // Date.UTC rolls 2026-02-30 over to March: such a value is not a real time.
  if (
    check.getUTCFullYear() !== +y ||
    check.getUTCMonth() !== +mo - 1 ||
    check.getUTCDate() !== +d ||
    +h > 23 ||
    +mi > 59 ||
    +s > 59
  )
    return null
  return { utcMs: wall - zoneMinutes(zone) * 60_000 }
}

function zoneMinutes(zone: string | undefined) {
  if (!zone) return MSK_OFFSET_MIN
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0))
}

// '2026-01-13 09:12:53' (Moscow) → '2026-01-13T06:12:53.000Z'; null for empty or unreadable text.
export function moscowLocalToUtc(text: unknown): string | null {
  const p = parse(text)
  return p ? new Date(p.utcMs).toISOString() : null
}

// The Moscow calendar day of a legacy date or timestamp: '2026-01-20 09:12:53.79' → '2026-01-20'.
export function moscowLocalDate(text: unknown): string | null {
  const p = parse(text)
  return p ? new Date(p.utcMs + MSK_OFFSET_MIN * 60_000).toISOString().slice(0, 10) : null
}
