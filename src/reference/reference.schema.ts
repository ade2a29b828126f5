import { z } from 'zod'
import { formatMeasure } from './measure.ts'
import { optionalDecimal, optionalId, optionalText, requiredText } from '../lib/forms.ts'

// Orange is the colour of temporary marking (ПДД, прил. 2); white and yellow are permanent.
export const COLOURS = ['белая', 'желтая', 'оранжевая'] as const

export const KIND_LABELS = { line: 'Линия (по длине, м)', symbol: 'Символ (по штукам)' } as const

const ONLY_LINES = 'Заполняется только для линий'

export const markingTypeForm = z
  .object({
    code: requiredText(20).regex(/^\d+(\.\d+)*$/, 'Номер по ГОСТ, например 1.14.1'),
    name: requiredText(200),
    kind: z.enum(['line', 'symbol'], { error: 'Выберите вид' }),
    width_m: optionalDecimal({ min: 0, max: 1 }),
    dash_m: optionalDecimal({ min: 0, max: 100 }),
    gap_m: optionalDecimal({ min: 0, max: 100 }),
    fill_ratio: optionalDecimal({ min: 0, max: 1 }),
    lines: z.coerce
      .number({ error: 'Целое число' })
      .int('Целое число')
      .min(1, 'Не меньше 1')
      .max(4, 'Не больше 4')
      .default(1),
    piece_area_m2: optionalDecimal({ min: 0, max: 100 }),
    colour: z.enum(COLOURS, { error: 'Выберите цвет' }),
    source: optionalText(1000),
  })
  // Runs even when a field failed, so all the messages show at once; a failed field is neither
  // a number nor null and its rules are skipped.
  .superRefine(
    (v, ctx) => {
      const fail = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message })
      const num = (x: unknown) => (typeof x === 'number' || x === null ? x : undefined)
      const [width, dash, gap, fill, piece] = [
        v.width_m,
        v.dash_m,
        v.gap_m,
        v.fill_ratio,
        v.piece_area_m2,
      ].map(num)
      if (v.kind === 'symbol') {
        for (const [f, x] of [
          ['width_m', width],
          ['dash_m', dash],
          ['gap_m', gap],
          ['fill_ratio', fill],
        ] as const)
          if (typeof x === 'number') fail(f, ONLY_LINES)
        if (piece === null || piece === 0)
          fail('piece_area_m2', 'Укажите площадь одного элемента, м²')
        return
      }
      if (v.kind !== 'line') return
      if (typeof piece === 'number') fail('piece_area_m2', 'Заполняется только для символов')
      if (width === null || width === 0) fail('width_m', 'Укажите ширину линии больше нуля, м')
      if (dash !== undefined && gap !== undefined && (dash === null) !== (gap === null))
        fail(
          dash === null ? 'dash_m' : 'gap_m',
          'Укажите и штрих, и промежуток — или ни того, ни другого',
        )
      if (dash === 0) fail('dash_m', 'Штрих должен быть больше нуля')
      if (fill === 0) fail('fill_ratio', 'Доля заполнения больше нуля')
      if (dash && typeof gap === 'number' && typeof fill === 'number') {
        const ratio = dash / (dash + gap)
        if (Math.abs(ratio - fill) > 0.001)
          fail(
            'fill_ratio',
            `Не совпадает со штрих / (штрих + промежуток) = ${formatMeasure(ratio)}; оставьте поле пустым`,
          )
      }
    },
    { when: () => true },
  )
  // With dash and gap given, the stored ratio is theirs (DOMAIN.md «Computing area»).
  .transform((v) => ({
    ...v,
    fill_ratio: v.dash_m && v.gap_m != null ? v.dash_m / (v.dash_m + v.gap_m) : v.fill_ratio,
  }))
export type MarkingTypeForm = z.output<typeof markingTypeForm>

export const MARKING_FIELDS: [name: keyof MarkingTypeForm, label: string][] = [
  ['code', 'Номер по ГОСТ'],
  ['name', 'Наименование'],
  ['kind', 'Вид'],
  ['width_m', 'Ширина линии, м'],
  ['dash_m', 'Штрих, м'],
  ['gap_m', 'Промежуток, м'],
  ['fill_ratio', 'Доля заполнения'],
  ['lines', 'Число линий'],
  ['piece_area_m2', 'Площадь элемента, м²'],
  ['colour', 'Цвет'],
  ['source', 'Источник значений'],
]

// Values that change the computed area: a change of any of them needs a new confirmation.
export const GEOMETRY = [
  'kind',
  'width_m',
  'dash_m',
  'gap_m',
  'fill_ratio',
  'lines',
  'piece_area_m2',
] as const

export const materialForm = z.object({
  name: requiredText(200),
  short_name: requiredText(20),
  sort_order: z.coerce
    .number({ error: 'Целое число' })
    .int('Целое число')
    .min(0, 'Не меньше 0')
    .max(9999, 'Не больше 9999')
    .default(0),
  unit: z.enum(['kg', 't', 'l', 'pcs'], { error: 'Выберите единицу' }),
  norm_per_m2: optionalDecimal({ min: 0, max: 100 }),
  threshold_pct: optionalDecimal({ min: 0, max: 100 }).transform((v) => v ?? 20),
})
export const MATERIAL_FIELDS: [name: keyof z.output<typeof materialForm>, label: string][] = [
  ['name', 'Наименование'],
  ['short_name', 'Сокращение'],
  ['sort_order', 'Порядок'],
  ['unit', 'Единица'],
  ['norm_per_m2', 'Норма расхода на 1 м²'],
  ['threshold_pct', 'Порог остатка, % партии'],
]

export const crewForm = z.object({
  name: requiredText(100),
  foreman_id: optionalId(),
  notes: optionalText(1000),
})
export type CrewForm = z.output<typeof crewForm>
export const CREW_FIELDS: [name: keyof CrewForm, label: string][] = [
  ['name', 'Название'],
  ['foreman_id', 'Бригадир'],
  ['notes', 'Примечание'],
]
