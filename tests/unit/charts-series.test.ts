import { describe, expect, it } from 'vitest'
import { ColumnChart, StepChart, countScale } from '../../src/lib/charts.tsx'

const html = async (node: unknown) =>
  String(await (node as { toString(): string | Promise<string> }).toString())
const attrs = (s: string, tag: string, name: string) =>
  [...s.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))]
    .map((m) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[0])?.[1])
    .filter((v): v is string => v !== undefined)

describe('columns per period', () => {
  const periods = ['2026-11-02', '2026-11-09', '2026-11-16'].map((k) => ({
    key: k,
    label: k.slice(8),
    title: `Неделя ${k}`,
  }))

  it('draws a column per series and period with its value, its title and a table row', async () => {
    const s = await html(
      ColumnChart({
        caption: 'Замечания',
        periods,
        counts: true,
        valueText: (n) => `${n} шт.`,
        series: [
          { key: 'opened', name: 'Открыто', values: [2, 0, 3] },
          { key: 'closed', name: 'Закрыто', values: [1, 1, 0] },
        ],
      }),
    )
    expect(attrs(s, 'rect', 'data-value')).toEqual(['2', '1', '0', '1', '3', '0'])
    expect(attrs(s, 'rect', 'data-series')).toEqual([
      'opened',
      'closed',
      'opened',
      'closed',
      'opened',
      'closed',
    ])
    expect(s).toContain('<title>Неделя 2026-11-16 — открыто: 3 шт.</title>')
    expect(s).toContain('aria-label="Замечания: открыто 5 шт., закрыто 2 шт."')
    // Taller for more: the 3 reaches the top of a 0 … 3 axis, a zero has no height.
    const heights = attrs(s, 'rect', 'height').map(Number)
    expect(heights[4]).toBeGreaterThan(heights[0])
    expect(heights[2]).toBe(0)
    expect(s).toContain('<th scope="row">Неделя 2026-11-02</th><td>2 шт.</td><td>1 шт.</td>')
  })

  it('keeps a count axis whole: 0 … 3 in ones, not quarters', () => {
    expect(countScale(1)).toEqual({ max: 1, ticks: [0, 1] })
    expect(countScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] })
    expect(countScale(0)).toEqual({ max: 1, ticks: [0, 1] })
    expect(countScale(9)).toEqual({ max: 10, ticks: [0, 5, 10] })
    expect(countScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] })
  })

  it('says there is nothing to draw without periods', async () => {
    const s = await html(ColumnChart({ caption: 'x', periods: [], series: [], empty: 'Пусто' }))
    expect(s).toBe('<p class="text-slate-600">Пусто</p>')
  })
})

describe('a balance in steps', () => {
  it('places dates to scale, holds each level until the next change and on to today', async () => {
    const s = await html(
      StepChart({
        caption: 'Остаток',
        until: '2026-11-26',
        valueText: (n) => `${n} кг`,
        series: [{ key: 'left', name: 'Всего' }],
        points: [
          { date: '2026-11-01', values: [1000] },
          { date: '2026-11-06', values: [700] },
        ],
      }),
    )
    expect(
      [...s.matchAll(/data-day="([^"]+)" data-value="([^"]+)"/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['2026-11-01', '1000'],
      ['2026-11-06', '700'],
    ])
    // 1 → 6 November is a fifth of 1 → 26 November: 2 % + 96 % × 5 / 25.
    expect(attrs(s, 'circle', 'cx')).toContain('21.2%')
    // The last level runs on to the right edge (today).
    expect(attrs(s, 'line', 'x2')).toContain('98%')
    expect(s).toContain('<title>06.11.2026 — всего: 700 кг</title>')
    expect(s).toContain('aria-label="Остаток: всего 700 кг на 06.11.2026"')
  })
})
