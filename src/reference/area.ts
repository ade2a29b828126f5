import type { MarkingType } from './reference.table.ts'

// The one place the area of marking (m²) is computed (DOMAIN.md «Computing area»):
//   a line:   m² = linear metres × width × number of lines × fill ratio
//   a symbol: m² = pieces × area of one piece
// Callers store the result next to its inputs and never recompute it from the reference later:
// an accepted volume is a fact, and editing a marking type must not change entries already made.

export type AreaType = Pick<
  MarkingType,
  'kind' | 'width_m' | 'lines' | 'dash_m' | 'gap_m' | 'fill_ratio' | 'piece_area_m2'
>

export interface AreaInput {
  metres?: number | null
  pieces?: number | null
  width_m?: number | null // overrides the type's width for this entry
}

// Impossible input, with the form field it belongs to and a message for the user.
export class AreaInputError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

function need(field: string, v: number, ok: boolean, message: string) {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok) throw new AreaInputError(field, message)
  return v
}

// dash / (dash + gap) when both are given, else the stored ratio, else 1 (a solid line).
export function fillRatioOf(t: Pick<AreaType, 'dash_m' | 'gap_m' | 'fill_ratio'>): number {
  if (t.dash_m != null && t.gap_m != null) {
    const dash = need('dash_m', t.dash_m, t.dash_m > 0, 'Длина штриха должна быть больше нуля')
    const gap = need('gap_m', t.gap_m, t.gap_m >= 0, 'Промежуток не может быть отрицательным')
    return dash / (dash + gap)
  }
  if (t.fill_ratio == null) return 1
  return need(
    'fill_ratio',
    t.fill_ratio,
    t.fill_ratio > 0 && t.fill_ratio <= 1,
    'Доля заполнения — от 0 до 1',
  )
}

export function lineArea(p: {
  metres: number
  width_m: number
  lines: number
  fill_ratio: number
}) {
  const metres = need('metres', p.metres, p.metres >= 0, 'Длина не может быть отрицательной')
  const width = need('width_m', p.width_m, p.width_m > 0, 'Ширина должна быть больше нуля')
  const lines = need(
    'lines',
    p.lines,
    Number.isInteger(p.lines) && p.lines >= 1,
    'Число линий — целое, не меньше 1',
  )
  const fill = need(
    'fill_ratio',
    p.fill_ratio,
    p.fill_ratio > 0 && p.fill_ratio <= 1,
    'Доля заполнения — от 0 до 1',
  )
  return metres * width * lines * fill
}

export function symbolArea(p: { pieces: number; piece_area_m2: number }) {
  const pieces = need(
    'pieces',
    p.pieces,
    Number.isInteger(p.pieces) && p.pieces >= 0,
    'Количество — целое неотрицательное число',
  )
  const piece = need(
    'piece_area_m2',
    p.piece_area_m2,
    p.piece_area_m2 > 0,
    'Площадь одного элемента должна быть больше нуля',
  )
  return pieces * piece
}

// To 0.01 m²; toPrecision first so 1.005 × 100 = 100.49999… still rounds up to 1.01.
export const roundArea = (m2: number) => Math.round(Number((m2 * 100).toPrecision(12))) / 100

// The m² of one entry: metres for a line, pieces for a symbol, never both.
export function areaFor(type: AreaType, input: AreaInput): number {
  const { metres, pieces } = input
  if (type.kind === 'symbol') {
    if (metres != null)
      throw new AreaInputError('metres', 'Для символа указывается количество, штук')
    if (pieces == null) throw new AreaInputError('pieces', 'Укажите количество, штук')
    if (type.piece_area_m2 == null)
      throw new AreaInputError('piece_area_m2', 'В справочнике не задана площадь одного элемента')
    return roundArea(symbolArea({ pieces, piece_area_m2: type.piece_area_m2 }))
  }
  if (pieces != null) throw new AreaInputError('pieces', 'Для линии указывается длина, м')
  if (metres == null) throw new AreaInputError('metres', 'Укажите длину, м')
  const width_m = input.width_m ?? type.width_m
  if (width_m == null) throw new AreaInputError('width_m', 'Укажите ширину линии')
  return roundArea(lineArea({ metres, width_m, lines: type.lines, fill_ratio: fillRatioOf(type) }))
}
