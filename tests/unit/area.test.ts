import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  AreaInputError,
  areaFor,
  fillRatioOf,
  lineArea,
  roundArea,
  symbolArea,
  type AreaType,
} from '../../src/reference/area.ts'
import { readForm, optionalDecimal } from '../../src/lib/forms.ts'

const line = (over: Partial<AreaType> = {}): AreaType => ({
  kind: 'line',
  width_m: 0.1,
  lines: 1,
  dash_m: null,
  gap_m: null,
  fill_ratio: null,
  piece_area_m2: null,
  ...over,
})
const solid_1_1 = line()
const dashed_1_5 = line({ dash_m: 3, gap_m: 9 })
const approach_1_6 = line({ dash_m: 9, gap_m: 3 })
const double_1_3 = line({ lines: 2 })
const combined_1_11 = line({ lines: 2, fill_ratio: 0.625 })
const arrow_1_18: AreaType = { ...line(), kind: 'symbol', width_m: null, piece_area_m2: 1.05 }

describe('the area of marking (m²)', () => {
  it('a solid line 1.1: 1000 m × 0,10 m = 100 m²', () => {
    expect(areaFor(solid_1_1, { metres: 1000 })).toBe(100)
  })

  it('a dashed line 1.5 (3:9): 1000 m × 0,10 × 0,25 = 25 m²', () => {
    expect(fillRatioOf(dashed_1_5)).toBe(0.25)
    expect(areaFor(dashed_1_5, { metres: 1000 })).toBe(25)
  })

  it('an approach line 1.6 (9:3): 1000 m × 0,10 × 0,75 = 75 m²', () => {
    expect(fillRatioOf(approach_1_6)).toBe(0.75)
    expect(areaFor(approach_1_6, { metres: 1000 })).toBe(75)
  })

  it('a double solid line 1.3: 1000 m × 0,10 × 2 lines = 200 m²', () => {
    expect(areaFor(double_1_3, { metres: 1000 })).toBe(200)
  })

  it('solid plus dashed 1.11: 1000 m × 0,10 × 2 × 0,625 = 125 m²', () => {
    expect(areaFor(combined_1_11, { metres: 1000 })).toBe(125)
  })

  it('arrows 1.18: 12 pieces × 1,05 m² = 12,6 m²', () => {
    expect(areaFor(arrow_1_18, { pieces: 12 })).toBe(12.6)
    expect(symbolArea({ pieces: 12, piece_area_m2: 1.05 })).toBeCloseTo(12.6, 10)
  })

  it('takes dash and gap over a stored ratio, the ratio over 1, and 1 for a solid line', () => {
    expect(fillRatioOf({ dash_m: 1, gap_m: 3, fill_ratio: 0.9 })).toBe(0.25)
    expect(fillRatioOf({ dash_m: null, gap_m: null, fill_ratio: 0.625 })).toBe(0.625)
    expect(fillRatioOf({ dash_m: 3, gap_m: null, fill_ratio: null })).toBe(1)
  })

  it('uses the width typed for an entry instead of the type’s: 1000 m × 0,15 = 150 m²', () => {
    expect(areaFor(solid_1_1, { metres: 1000, width_m: 0.15 })).toBe(150)
    expect(lineArea({ metres: 1000, width_m: 0.15, lines: 1, fill_ratio: 1 })).toBeCloseTo(150, 10)
  })

  it('reads metres typed with a comma and spaces: «1 234,5» m of 1.5 = 30,86 m²', async () => {
    const form = z.object({ metres: optionalDecimal({ min: 0 }) })
    for (const typed of ['1 234,5', '1\u00a0234,5', '1234.5']) {
      const r = await readForm({ metres: typed }, form)
      expect(r.ok && r.data.metres).toBe(1234.5)
      // 1234,5 × 0,10 × 0,25 = 30,8625 → 30,86
      expect(areaFor(dashed_1_5, { metres: r.ok ? r.data.metres : null })).toBe(30.86)
    }
    // 1234,5 × 0,10 = 123,45 exactly, not 123,45000000000002
    expect(areaFor(solid_1_1, { metres: 1234.5 })).toBe(123.45)
  })

  it('rounds to 0,01 m², halves up, without binary drift', () => {
    expect(roundArea(1.005)).toBe(1.01)
    expect(roundArea(0.1 + 0.2)).toBe(0.3)
    expect(roundArea(2.344)).toBe(2.34)
    // 7 m × 0,10 × 0,25 = 0,175 → 0,18
    expect(areaFor(dashed_1_5, { metres: 7 })).toBe(0.18)
  })

  it('refuses impossible input with the field and a Russian message', () => {
    const refused = (f: () => unknown, field: string) => {
      try {
        f()
      } catch (e) {
        expect(e).toBeInstanceOf(AreaInputError)
        expect((e as AreaInputError).field).toBe(field)
        expect((e as Error).message).toMatch(/[а-я]/)
        return
      }
      throw new Error('accepted impossible input')
    }
    refused(() => areaFor(solid_1_1, { metres: -1 }), 'metres')
    refused(() => areaFor(solid_1_1, { metres: NaN }), 'metres')
    refused(() => areaFor(solid_1_1, { metres: Infinity }), 'metres')
    refused(() => areaFor(solid_1_1, {}), 'metres')
    refused(() => areaFor(solid_1_1, { metres: 10, pieces: 2 }), 'pieces')
    refused(() => areaFor(solid_1_1, { metres: 10, width_m: 0 }), 'width_m')
    refused(() => areaFor(line({ width_m: null }), { metres: 10 }), 'width_m')
    refused(() => areaFor(line({ dash_m: 0, gap_m: 3 }), { metres: 10 }), 'dash_m')
    refused(() => areaFor(line({ dash_m: 3, gap_m: -1 }), { metres: 10 }), 'gap_m')
    refused(() => areaFor(line({ fill_ratio: 1.5 }), { metres: 10 }), 'fill_ratio')
    refused(() => areaFor(line({ lines: 0 }), { metres: 10 }), 'lines')
    refused(() => areaFor(arrow_1_18, { pieces: -3 }), 'pieces')
    refused(() => areaFor(arrow_1_18, { pieces: 1.5 }), 'pieces')
    refused(() => areaFor(arrow_1_18, { pieces: NaN }), 'pieces')
    refused(() => areaFor(arrow_1_18, { metres: 10 }), 'metres')
    refused(() => areaFor({ ...arrow_1_18, piece_area_m2: null }, { pieces: 1 }), 'piece_area_m2')
  })

  it('gives 0 m² for nothing done', () => {
    expect(areaFor(solid_1_1, { metres: 0 })).toBe(0)
    expect(areaFor(arrow_1_18, { pieces: 0 })).toBe(0)
  })
})
