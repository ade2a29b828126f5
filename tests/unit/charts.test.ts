import { describe, expect, it } from 'vitest'
import {
  BarChart,
  CumulativeChart,
  cumulate,
  formatAmount,
  niceScale,
  percentText,
} from '../../src/lib/charts.tsx'
import { dailyShares, monthPlan } from '../../src/dashboard/month-plan.ts'
import { plural } from '../../src/lib/format.ts'

const html = async (node: unknown) =>
  String(await (node as { toString(): string | Promise<string> }).toString())

// Attribute values of the elements whose opening tag matches `tag` (e.g. 'rect').
const attrs = (s: string, tag: string, name: string) =>
  [...s.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))]
    .map((m) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[0])?.[1])
    .filter((v): v is string => v !== undefined)

const NB = '\u00a0'

describe('chart scales and numbers', () => {
  it('rounds an axis up to 1, 2, 2.5 or 5 times a power of ten, with zero data on 0 … 1', () => {
    expect(niceScale(47_536.8)).toEqual({ max: 60_000, ticks: [0, 20_000, 40_000, 60_000] })
    expect(niceScale(100)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] })
    expect(niceScale(8_000).max).toBe(8_000)
    expect(niceScale(7.3).max).toBe(8)
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] })
    expect(niceScale(-5).max).toBe(1)
  })

  it('writes volumes the Russian way: «1 234,5 м²», percentages whole, «—» without a base', () => {
    expect(formatAmount(1234.54)).toBe(`1${NB}234,5${NB}м²`)
    expect(formatAmount(0)).toBe(`0${NB}м²`)
    expect(formatAmount(12.5, 'ч')).toBe(`12,5${NB}ч`)
    expect(percentText(1, 3)).toBe(`33${NB}%`)
    expect(percentText(5, 0)).toBe('—')
  })

  it('adds up running totals', () => {
    expect(cumulate([1, 2, 0, 3.5])).toEqual([1, 3, 3, 6.5])
    expect(cumulate([])).toEqual([])
  })

  it('says «1 замечание», «2 замечания», «5 замечаний», «11 замечаний», «21 замечание»', () => {
    const w = (n: number) => plural(n, 'замечание', 'замечания', 'замечаний')
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111, 104].map(w)).toEqual([
      'замечание',
      'замечания',
      'замечаний',
      'замечаний',
      'замечаний',
      'замечание',
      'замечания',
      'замечаний',
      'замечаний',
      'замечания',
    ])
  })
})

describe('the bar chart', () => {
  const rows = [
    { key: 7, label: 'Р-07 М-4 «Дон»', value: 2_000, target: 8_000 },
    { key: 9, label: 'Р-09 А-108', value: 1_234.5, target: 1_000 },
    { key: 3, label: 'Р-03 без плана', value: 500, target: 0 },
  ]

  it('draws every value on one scale, with its raw number and a <title> in Russian', async () => {
    const s = await html(BarChart({ rows, caption: 'План и факт' }))
    expect(s).toContain('role="img"')
    expect(attrs(s, 'g', 'data-key')).toEqual(['7', '9', '3'])
    expect(attrs(s, 'rect', 'data-value')).toEqual(['8000', '2000', '1000', '1234.5', '0', '500'])
    // 8 000 is the top of the scale: the plan of Р-07 fills the width, its fact a quarter.
    expect(attrs(s, 'rect', 'width')).toEqual(['100%', '25%', '12.5%', '15.43%', '0%', '6.25%'])
    expect(s).toContain(`<title>Р-09 А-108: факт 1${NB}234,5${NB}м²</title>`)
    expect(s).toContain(`<title>Р-07 М-4 «Дон»: план 8${NB}000${NB}м²</title>`)
    expect(s.match(/<title>/g)).toHaveLength(rows.length * 3) // the row, its plan, its fact
    // A fact at or above the plan is green; a fact without a plan says so.
    expect(s).toContain('fill="#16a34a"')
    expect(s).toContain('без плана')
  })

  it('sums the chart up for screen readers and repeats the numbers in a hidden table', async () => {
    const s = await html(BarChart({ rows, caption: 'План и факт' }))
    expect(s).toMatch(
      new RegExp(
        `aria-label="План и факт: факт 3${NB}734,5${NB}м², план 9${NB}000${NB}м² \\(41${NB}%\\)"`,
      ),
    )
    const table = s.slice(s.indexOf('<div class="sr-only">'))
    expect(table).toContain('<caption>План и факт</caption>')
    expect(table).toContain(`<th scope="row">Р-09 А-108</th><td>1${NB}000</td><td>1${NB}234,5</td>`)
    expect(table.match(/<tr>/g)).toHaveLength(rows.length + 1)
  })

  it('shows the empty text instead of a chart when there is nothing to draw', async () => {
    const s = await html(BarChart({ rows: [], caption: 'x', empty: 'Активных проектов нет.' }))
    expect(s).not.toContain('<svg')
    expect(s).toContain('Активных проектов нет.')
  })

  it('shortens a long label on the chart, keeping it whole in the <title> and the table', async () => {
    const label = 'Р-13 Р-158 Нижний Новгород — Саратов км 10–20'
    const s = await html(BarChart({ rows: [{ key: 1, label, value: 1, target: 2 }], caption: 'x' }))
    expect(s).toContain('Р-13 Р-158 Нижний Новгород — Сара…')
    expect(s).toContain(`<title>${label}: факт`)
    expect(s).toContain(`<th scope="row">${label}</th>`)
  })
})

describe('the cumulative chart', () => {
  const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']
  const chart = () =>
    CumulativeChart({
      days,
      today: '2026-11-03',
      caption: 'План и факт за ноябрь',
      series: [
        { key: 'plan', name: 'План', daily: [0, 100, 100, 100], dashed: true },
        { key: 'fact', name: 'Факт', daily: [10, 20.5, 30, 999], until: '2026-11-03' },
      ],
    })
  const points = (s: string, series: string) => {
    const g = s.slice(s.indexOf(`data-series="${series}"`))
    return attrs(g.slice(0, g.indexOf('</g><g data-series') + 1 || undefined), 'g', 'data-value')
  }

  it('adds each series up from its first day and stops the fact at today', async () => {
    const s = await html(chart())
    expect(points(s, 'plan')).toEqual(['0', '100', '200', '300'])
    expect(points(s, 'fact')).toEqual(['10', '30.5', '60.5'])
    expect(attrs(s, 'g', 'data-day').filter((d) => d === '2026-11-04')).toHaveLength(1)
    expect(s).toContain('data-today="2026-11-03"')
  })

  it('gives every point a <title> with its date and Russian number, and a summary', async () => {
    const s = await html(chart())
    expect(s).toContain(`<title>02.11.2026 — факт с начала периода: 30,5${NB}м²</title>`)
    expect(s).toContain(`<title>04.11.2026 — план с начала периода: 300${NB}м²</title>`)
    expect(s.match(/<title>/g)).toHaveLength(7)
    expect(s).toContain(
      `aria-label="План и факт за ноябрь: план 300${NB}м² на 04.11.2026, факт 60,5${NB}м² на 03.11.2026"`,
    )
    // The <title>s stay inside the SVG (not moved into the page's head).
    expect(s.indexOf('<title>')).toBeGreaterThan(s.indexOf('<svg'))
    expect(s.lastIndexOf('<title>')).toBeLessThan(s.indexOf('</svg>'))
  })

  it('puts the largest total on a round top gridline, the days across in percent', async () => {
    const s = await html(chart())
    expect(attrs(s.slice(s.lastIndexOf('<g aria-hidden="true">')), 'text', 'y')[0]).toBe('125.7') // 100 a third of the way up …
    expect(s).toContain(`>300${NB}м²</text>`) // … and 300 м² at the top, with the unit
    const plan = s.slice(s.indexOf('data-series="plan"'))
    const last = plan.slice(plan.indexOf('data-value="300"'))
    expect(/cx="([^"]+)" cy="([^"]+)"/.exec(last)?.slice(1)).toEqual(['98%', '22'])
    expect(
      /cx="([^"]+)" cy="([^"]+)"/.exec(plan.slice(plan.indexOf('data-value="0"')))?.slice(1),
    ).toEqual(['2%', '182'])
  })

  it('repeats the numbers in a hidden table, «—» where a series has not reached', async () => {
    const s = await html(chart())
    const table = s.slice(s.indexOf('<div class="sr-only">'))
    expect(table).toContain('<th scope="col">План, м²</th><th scope="col">Факт, м²</th>')
    expect(table).toContain('<th scope="row">04.11.2026</th><td>300</td><td>—</td>')
  })

  it('draws an axis for all-zero data and says so when there are no days', async () => {
    const zero = await html(
      CumulativeChart({ days, caption: 'x', series: [{ key: 'f', name: 'Факт', daily: [] }] }),
    )
    expect(attrs(zero, 'g', 'data-value')).toEqual(['0', '0', '0', '0'])
    const none = await html(CumulativeChart({ days: [], caption: 'x', series: [], empty: 'Пусто' }))
    expect(none).not.toContain('<svg')
    expect(none).toContain('Пусто')
  })
})

describe('a month’s plan', () => {
  const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`)

  it('spreads a row evenly over the working days of its span, as the weekly report does', () => {
    // 09.11 (Mon) … 20.11 (Fri): 10 working days; the weekend in between gets nothing.
    const shares = dailyShares(
      { project_id: 1, plan_m2: 1_000, start_date: '2026-11-09', end_date: '2026-11-20' },
      days,
    )!
    expect(shares.filter((v) => v > 0)).toHaveLength(10)
    expect(shares[8]).toBe(100) // 09.11
    expect(shares[13]).toBe(0) // 14.11, a Saturday
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1_000)
  })

  it('counts only the month’s part of a longer span, and leaves undated rows out', () => {
    const plan = monthPlan(
      [
        // 26.10 (Mon) … 06.11 (Fri): 10 working days, 5 of them in November.
        { project_id: 1, plan_m2: 1_000, start_date: '2026-10-26', end_date: '2026-11-06' },
        { project_id: 2, plan_m2: 300, start_date: null, end_date: '2026-11-06' },
        // A weekend-only job is spread over its calendar days.
        { project_id: 2, plan_m2: 40, start_date: '2026-11-07', end_date: '2026-11-08' },
      ],
      days,
    )
    expect(plan.byProject.get(1)).toBeCloseTo(500)
    expect(plan.byProject.get(2)).toBeCloseTo(40)
    expect(plan.undated).toBe(1)
    expect(plan.daily[6]).toBe(20) // 07.11
    expect(plan.daily.reduce((a, b) => a + b, 0)).toBeCloseTo(540)
  })
})
