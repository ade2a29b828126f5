import { describe, expect, it } from 'vitest'
import {
  countOf,
  formatArea,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatTime,
  plural,
  searchText,
  shortName,
  withUnit,
} from '../../src/lib/format.ts'
import { readForm, optionalDate, optionalDecimal } from '../../src/lib/forms.ts'
import { passwordProblem } from '../../src/auth/passwords.ts'
import { decodeCursor, encodeCursor } from '../../src/lib/keyset.ts'
import { z } from 'zod'

describe('Russian formats', () => {
  it('shows numbers with a comma and a thin space, dates as ДД.ММ.ГГГГ, times in Moscow', () => {
    expect(formatNumber(1234.5)).toBe('1\u00a0234,5')
    expect(formatDate('2026-01-05')).toBe('05.01.2026')
    expect(formatDateTime('2026-11-26T07:32:00.000Z')).toBe('26.11.2026 10:32')
  })
  it('groups thousands with a no-break space and uses a decimal comma', () => {
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(1234)).toBe('1\u00a0234')
    expect(formatNumber(12345678.456)).toBe('12\u00a0345\u00a0678,46')
    expect(formatNumber(-1234.5)).toBe('-1\u00a0234,5')
    expect(formatNumber(0.625, 4)).toBe('0,625')
    expect(formatNumber('1234.50')).toBe('1\u00a0234,5') // numeric and count() from PostgreSQL
    expect(formatNumber(null)).toBe('')
    expect(formatNumber(undefined)).toBe('')
    expect(formatNumber('')).toBe('')
    expect(formatNumber(Number.NaN)).toBe('')
  })
  it('keeps a unit with its number: m², warehouse units to the gram, percent', () => {
    expect(formatArea(1234.5)).toBe('1\u00a0234,5\u00a0м²')
    expect(formatArea(null)).toBe('')
    expect(formatQuantity(1234.5678, 'kg')).toBe('1\u00a0234,568\u00a0кг')
    expect(formatQuantity('2.5', 't')).toBe('2,5\u00a0т')
    expect(formatQuantity(3, 'pcs')).toBe('3\u00a0шт')
    expect(formatPercent(12.4)).toBe('12\u00a0%')
    expect(withUnit(7.25, 'ч')).toBe('7,25\u00a0ч')
  })
  it('shows a calendar day as written and a moment as its day in Moscow', () => {
    expect(formatDate('2026-12-31')).toBe('31.12.2026')
    expect(formatDate('2026-11-26T22:30:00.000Z')).toBe('27.11.2026') // 01:30 in Moscow
    expect(formatDate(new Date('2026-11-26T20:59:00Z'))).toBe('26.11.2026')
    expect(formatDate('2026-11-26 22:30:00')).toBe('26.11.2026') // no zone: as written
    expect(formatDate(null)).toBe('')
    expect(formatDate('не дата')).toBe('не дата')
    expect(formatDateTime('2026-12-31T21:05:00Z')).toBe('01.01.2027 00:05')
    expect(formatDateTime(new Date('2026-06-01T09:00:00Z'))).toBe('01.06.2026 12:00')
    expect(formatDateTime(undefined)).toBe('')
    expect(formatTime('2026-11-26T07:32:00.000Z')).toBe('10:32')
  })
  it('shortens a full name to surname and initials', () => {
    expect(shortName('Иванова Мария Ивановна')).toBe('Иванова М. И.')
  })
  it('folds case and ё for search', () => {
    expect(searchText('ЁЛКИ', null, 'Палки')).toBe('елки палки')
  })
})

describe('Russian plural forms', () => {
  const remarks = (n: number) => countOf(n, 'замечание', 'замечания', 'замечаний')
  it.each([
    [0, '0 замечаний'],
    [1, '1 замечание'],
    [2, '2 замечания'],
    [4, '4 замечания'],
    [5, '5 замечаний'],
    [11, '11 замечаний'],
    [12, '12 замечаний'],
    [14, '14 замечаний'],
    [21, '21 замечание'],
    [22, '22 замечания'],
    [25, '25 замечаний'],
    [101, '101 замечание'],
    [111, '111 замечаний'],
    [112, '112 замечаний'],
    [1001, '1\u00a0001 замечание'],
    [1234, '1\u00a0234 замечания'],
  ])('%i -> %s', (n, text) => {
    expect(remarks(n)).toBe(text)
  })
  it('picks the form by the last two digits', () => {
    const form = (n: number) => plural(n, 'one', 'few', 'many')
    expect([1, 21, 31, 101, 121].map(form)).toEqual(['one', 'one', 'one', 'one', 'one'])
    expect([2, 3, 4, 22, 33, 104].map(form)).toEqual(['few', 'few', 'few', 'few', 'few', 'few'])
    expect([0, 5, 11, 12, 13, 14, 111, 114, 1000].map(form)).toEqual(Array(9).fill('many'))
  })
})

describe('form fields', () => {
  const schema = z.object({ n: optionalDecimal({ min: 0 }), d: optionalDate() })
  it('accepts a comma or a dot and spaces in numbers, and both date formats', async () => {
    const r = await readForm({ n: '1 234,5', d: '05.01.2026' }, schema)
    expect(r.ok && r.data).toEqual({ n: 1234.5, d: '2026-01-05' })
    const r2 = await readForm({ n: '12.5', d: '2026-01-05' }, schema)
    expect(r2.ok && r2.data).toEqual({ n: 12.5, d: '2026-01-05' })
  })
  it('refuses impossible dates and words in number fields, keeping what was typed', async () => {
    const r = await readForm({ n: 'много', d: '30.02.2026' }, schema)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.n).toBe('Введите число, например 12,5')
    expect(r.errors.d).toBe('Введите дату в формате ДД.ММ.ГГГГ')
    expect(r.values).toEqual({ n: 'много', d: '30.02.2026' })
  })
})

describe('password policy', () => {
  it('wants at least 10 characters, not a common one, not containing the login', () => {
    expect(passwordProblem('short')).toContain('не короче 10')
    expect(passwordProblem('1234567890')).toContain('распространён')
    expect(passwordProblem('ivanov-2026-x', 'ivanov')).toContain('логин')
    expect(passwordProblem('Разметка-на-трассе')).toBeNull()
  })
})

describe('keyset cursors', () => {
  it('round-trip and reject tampering', () => {
    expect(decodeCursor(encodeCursor(['Объект', 12]), 2)).toEqual(['Объект', 12])
    expect(decodeCursor('not-base64-json', 2)).toBeNull()
    expect(decodeCursor(encodeCursor(['x']), 2)).toBeNull()
  })
})
