import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatNumber,
  searchText,
  shortName,
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
  it('shortens a full name to surname and initials', () => {
    expect(shortName('Иванова Мария Ивановна')).toBe('Иванова М. И.')
  })
  it('folds case and ё for search', () => {
    expect(searchText('ЁЛКИ', null, 'Палки')).toBe('елки палки')
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
