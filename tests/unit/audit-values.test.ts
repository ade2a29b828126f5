import { describe, expect, it } from 'vitest'
import { showValue } from '../../src/audit/audit.diff.ts'

// The audit browser shows stored values the way the rest of the app writes them.
describe('audit values as a person reads them', () => {
  it('decimals with a comma, integers bare (they are often ids)', () => {
    expect(showValue(0.5)).toBe('0,5')
    expect(showValue(1234.25)).toBe('1\u00a0234,25')
    expect(showValue(12345)).toBe('12345')
  })
  it('dates as ДД.ММ.ГГГГ, moments in Moscow time', () => {
    expect(showValue('2026-03-08')).toBe('08.03.2026')
    expect(showValue('2026-03-08T21:30:00.000Z')).toBe('09.03.2026 00:30')
    expect(showValue('2026-03-08 21:30')).toBe('2026-03-08 21:30')
  })
  it('empty, missing and yes/no values', () => {
    expect(showValue('')).toBe('«»')
    expect(showValue(null)).toBe('—')
    expect(showValue(true)).toBe('да')
    expect(showValue({ a: 1 })).toBe('{"a":1}')
  })
})
