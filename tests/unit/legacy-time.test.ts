import { describe, expect, it } from 'vitest'
import { moscowLocalDate, moscowLocalToUtc } from '../../src/legacy/time.ts'

describe('legacy timestamps (Moscow wall time, no zone) to UTC', () => {
  it('moves a Moscow time three hours back', () => {
    expect(moscowLocalToUtc('2026-01-13 09:12:53')).toBe('2026-01-13T06:12:53.000Z')
    expect(moscowLocalToUtc('2026-07-01 12:00:00')).toBe('2026-07-01T09:00:00.000Z') // no DST
  })

  it('keeps milliseconds of a microsecond timestamp, cutting the rest', () => {
    expect(moscowLocalToUtc('2026-01-20 09:12:53.792745')).toBe('2026-01-20T06:12:53.792Z')
    expect(moscowLocalToUtc('2026-01-20 09:12:53.5')).toBe('2026-01-20T06:12:53.500Z')
  })

  it('crosses midnight and the year backwards', () => {
    expect(moscowLocalToUtc('2026-01-01 01:30:00')).toBe('2025-12-31T22:30:00.000Z')
    expect(moscowLocalToUtc('2026-01-16')).toBe('2026-01-15T21:00:00.000Z')
    expect(moscowLocalToUtc('2026-01-16T10:00')).toBe('2026-01-16T07:00:00.000Z')
  })

  it('respects a zone when one is written', () => {
    expect(moscowLocalToUtc('2026-01-13 09:12:53Z')).toBe('2026-01-13T09:12:53.000Z')
    expect(moscowLocalToUtc('2026-01-13 09:12:53+05:00')).toBe('2026-01-13T04:12:53.000Z')
  })

  it('gives null for empty or impossible values', () => {
    for (const v of [
      null,
      undefined,
      '',
      '   ',
      'вчера',
      '2026-02-30 10:00:00',
      '2026-01-13 25:00:00',
      42,
    ])
      expect(moscowLocalToUtc(v)).toBeNull()
  })

  it('takes the Moscow calendar day for date columns', () => {
    expect(moscowLocalDate('2026-01-20 09:12:53.792745')).toBe('2026-01-20')
    expect(moscowLocalDate('2026-01-20 00:30:00')).toBe('2026-01-20') // not the UTC day before
    expect(moscowLocalDate('2026-01-16')).toBe('2026-01-16')
    expect(moscowLocalDate('2026-01-19T22:00:00Z')).toBe('2026-01-20')
    expect(moscowLocalDate(null)).toBeNull()
  })
})
