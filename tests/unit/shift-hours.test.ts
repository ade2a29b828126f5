import { describe, expect, it } from 'vitest'
import {
  clock,
  formatDuration,
  fromMoscowInput,
  hoursOf,
  monthName,
  monthRange,
  monthSheet,
  moscowMonth,
  shiftMinutes,
  shiftMonth,
  splitByDay,
  toMoscowInput,
} from '../../src/shifts/hours.ts'

// Moscow wall time -> the stored UTC instant.
const msk = (s: string) => new Date(`${s}:00+03:00`).toISOString()
const shift = (start: string, end: string | null) => ({
  started_at: msk(start),
  ended_at: end && msk(end),
})
const NOW = new Date('2026-11-20T12:00:00Z')

describe('shift hours in Moscow time', () => {
  it('a day shift stays on its day, in whole minutes', () => {
    const parts = splitByDay(shift('2026-11-10T08:02', '2026-11-10T17:17'), NOW)
    expect(parts.map((p) => [p.day, clock(p.from), clock(p.to), p.minutes])).toEqual([
      ['2026-11-10', '08:02', '17:17', 555],
    ])
    expect(formatDuration(555)).toBe('9 ч 15 мин')
  })

  it('seconds are cut as the clock on screen cuts them', () => {
    const s = {
      started_at: new Date('2026-11-10T08:02:59+03:00').toISOString(),
      ended_at: new Date('2026-11-10T17:17:01+03:00').toISOString(),
    }
    expect(shiftMinutes(s, NOW)).toBe(555)
  })

  it('a shift across Moscow midnight is split between the two days it covers', () => {
    // 20:00 UTC is 23:00 in Moscow: the UTC date would put all of it on one day.
    const parts = splitByDay(shift('2026-11-10T21:00', '2026-11-11T05:30'), NOW)
    expect(parts.map((p) => [p.day, clock(p.from), clock(p.to), p.minutes])).toEqual([
      ['2026-11-10', '21:00', '24:00', 180],
      ['2026-11-11', '00:00', '05:30', 330],
    ])
  })

  it('the Moscow day is not the UTC day', () => {
    // 01:00 Moscow on the 11th is 22:00 UTC on the 10th.
    const [p] = splitByDay(shift('2026-11-11T01:00', '2026-11-11T03:00'), NOW)
    expect(p.day).toBe('2026-11-11')
  })

  it('a month counts only the part of a shift inside it, and the day totals add up', () => {
    const shifts = [
      shift('2026-10-31T20:00', '2026-11-01T04:00'), // 4 h in October, 4 h in November
      shift('2026-11-02T08:00', '2026-11-02T12:30'),
      shift('2026-11-02T13:00', '2026-11-02T17:15'),
      shift('2026-11-30T22:00', '2026-12-01T06:00'), // 2 h in November
    ]
    const nov = monthSheet(shifts, '2026-11', NOW)
    expect(nov.days.map((d) => [d.day, d.minutes])).toEqual([
      ['2026-11-01', 240],
      ['2026-11-02', 525],
      ['2026-11-30', 120],
    ])
    expect(nov.minutes).toBe(885)
    expect(hoursOf(nov.minutes)).toBe(14.75)
    expect(nov.shifts).toBe(4)
    const oct = monthSheet(shifts, '2026-10', NOW)
    expect([oct.minutes, oct.shifts]).toEqual([240, 1])
    expect(monthSheet(shifts, '2026-12', NOW).minutes).toBe(360)
  })

  it('an open shift counts up to now', () => {
    const open = shift('2026-11-20T13:30', null)
    expect(shiftMinutes(open, NOW)).toBe(90) // now is 15:00 in Moscow
    expect(monthSheet([open], '2026-11', NOW).minutes).toBe(90)
  })

  it('month bounds are Moscow midnights, across the year end too', () => {
    const r = monthRange('2026-12')
    expect(r.from).toBe('2026-11-30T21:00:00.000Z')
    expect(r.to).toBe('2026-12-31T21:00:00.000Z')
    expect(r.days).toHaveLength(31)
    expect(monthRange('2028-02').days).toHaveLength(29)
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(moscowMonth(new Date('2026-11-30T21:30:00Z'))).toBe('2026-12')
    expect(monthName('2026-11')).toBe('ноябрь 2026')
  })

  it('datetime-local values are Moscow wall time; nonsense is refused', () => {
    expect(fromMoscowInput('2026-11-10T08:02')).toBe('2026-11-10T05:02:00.000Z')
    expect(toMoscowInput('2026-11-10T21:30:00.000Z')).toBe('2026-11-11T00:30')
    expect(fromMoscowInput('2026-02-30T08:00')).toBeNull()
    expect(fromMoscowInput('10.11.2026 08:00')).toBeNull()
    expect(fromMoscowInput('2026-11-10T25:00')).toBeNull()
  })

  it('durations read as Russians write them', () => {
    expect(formatDuration(0)).toBe('0 мин')
    expect(formatDuration(45)).toBe('45 мин')
    expect(formatDuration(600)).toBe('10 ч')
  })
})
