import { formatDate, formatNumber } from './format.ts'

// Charts drawn on the server as plain SVG: no script, no CSS variables, nothing an old browser
// or a printer cannot draw. Widths are in percent of the container and heights in pixels, so a
// chart fills a phone or a wide screen without stretching its text. Every value carries a
// <title> (hover or tap shows the number) and a data-value with the raw number (tests read it);
// the SVG is one role="img" with a summary, and a visually hidden table with the same numbers
// follows it for screen readers.

const COLORS = {
  grid: '#e2e8f0', // slate-200
  axis: '#64748b', // slate-500
  text: '#0f172a', // slate-900
  track: '#e2e8f0',
  trackLine: '#94a3b8', // slate-400: the plan stays visible on a black-and-white print
  value: '#2563eb', // blue-600
  done: '#16a34a', // green-600
  plan: '#64748b',
  today: '#f59e0b', // amber-500
}

const round2 = (n: number) => Math.round(n * 100) / 100
const raw = (n: number) => String(round2(n))
const pctX = (n: number) => `${Math.round(n * 100) / 100}%`

// «1 234,5 м²»: volumes to one decimal, the unit held to the number.
export const formatAmount = (n: number, unit = 'м²') =>
  `${formatNumber(Math.round(n * 10) / 10)}\u00a0${unit}`

// A share in whole percent, «—» without a base.
export const percentText = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 100)}\u00a0%` : '—'

// An axis from zero to a round maximum at or above `max`, with four or five steps of 1, 2, 2.5
// or 5 times a power of ten. Zero data still gets an axis (0 … 1).
export function niceScale(max: number): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] }
  const rough = max / 4
  const power = Math.pow(10, Math.floor(Math.log10(rough)))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!
  const top = Math.ceil(max / step - 1e-9) * step
  const ticks: number[] = []
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(round2(t))
  return { max: top, ticks }
}

// The same for whole counts: steps of 1, 2 or 5 times a power of ten, never below one.
export function countScale(max: number): { max: number; ticks: number[] } {
  const rough = Math.max(1, max / 4)
  const power = Math.pow(10, Math.floor(Math.log10(rough)))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!
  const top = Math.max(step, Math.ceil(max / step) * step)
  return { max: top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) }
}

// Running totals: [1, 2, 3] → [1, 3, 6].
export function cumulate(values: number[]): number[] {
  let sum = 0
  return values.map((v) => (sum += v))
}

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

// The chart's numbers as a table for screen readers. The wrapper is what hides it: a table
// ignores the 1 px width of .sr-only and would widen a phone's page.
function SrTable(p: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div class="sr-only">
      <table>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            {p.head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map(([first, ...rest]) => (
            <tr>
              <th scope="row">{first}</th>
              {rest.map((c) => (
                <td>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface BarRow {
  key: string | number // data-key, e.g. the project id
  label: string
  value: number // the bar (fact)
  target: number // the track behind it (plan)
}

const ROW = 54 // px per bar: label line, bar, numbers line, and a gap before the next

// Horizontal bars of value against target on one shared scale, one row per item: the label
// and the percentage, the target as a grey track with the value drawn over it (green once it
// reaches the target), then the numbers.
export function BarChart(p: {
  rows: BarRow[]
  caption: string // what the chart shows, for the table and the summary
  valueName?: string
  targetName?: string
  unit?: string
  empty?: string
  noTarget?: string // instead of a percentage when there is a value and no target
}) {
  const { valueName = 'Факт', targetName = 'План', unit = 'м²', noTarget = 'без плана' } = p
  if (!p.rows.length) return <p class="text-slate-600">{p.empty ?? 'Нет данных'}</p>
  const { max } = niceScale(Math.max(...p.rows.flatMap((r) => [r.value, r.target])))
  const names = { value: valueName.toLowerCase(), target: targetName.toLowerCase() }
  const value = sum(p.rows.map((r) => r.value))
  const target = sum(p.rows.map((r) => r.target))
  const summary =
    `${p.caption}: ${names.value} ${formatAmount(value, unit)}, ` +
    `${names.target} ${formatAmount(target, unit)} (${percentText(value, target)})`
  return (
    <div class="chart">
      <svg
        role="img"
        aria-label={summary}
        width="100%"
        height={p.rows.length * ROW}
        class="block overflow-visible"
        font-size="12"
        data-chart="bars"
      >
        {p.rows.map((r, i) => (
          <Bar r={r} top={i * ROW} max={max} unit={unit} names={names} noTarget={noTarget} />
        ))}
      </svg>
      <SrTable
        caption={p.caption}
        head={['', `${targetName}, ${unit}`, `${valueName}, ${unit}`, 'Выполнено']}
        rows={p.rows.map((r) => [
          r.label,
          formatNumber(round2(r.target)),
          formatNumber(round2(r.value)),
          percentText(r.value, r.target),
        ])}
      />
    </div>
  )
}

function Bar(p: {
  r: BarRow
  top: number
  max: number
  unit: string
  names: { value: string; target: string }
  noTarget: string
}) {
  const { r, top: y, unit, names } = p
  const width = (v: number) => pctX((Math.max(0, v) / p.max) * 100)
  const value = `${names.value} ${formatAmount(r.value, unit)}`
  const target = `${names.target} ${formatAmount(r.target, unit)}`
  const done = r.target > 0 && r.value >= r.target
  return (
    <g data-key={String(r.key)}>
      <title>{`${r.label}: ${value}, ${target}`}</title>
      <text x="0" y={y + 14} fill={COLORS.text} font-weight="600">
        {truncate(r.label, 34)}
      </text>
      <text x="100%" y={y + 14} fill={COLORS.text} text-anchor="end">
        {r.target > 0 || !r.value ? percentText(r.value, r.target) : p.noTarget}
      </text>
      <rect
        x="0"
        y={y + 20}
        width={width(r.target)}
        height="12"
        fill={COLORS.track}
        stroke={COLORS.trackLine}
        stroke-width="1"
        data-series="target"
        data-value={raw(r.target)}
      >
        <title>{`${r.label}: ${target}`}</title>
      </rect>
      <rect
        x="0"
        y={y + 22}
        width={width(r.value)}
        height="8"
        fill={done ? COLORS.done : COLORS.value}
        data-series="value"
        data-value={raw(r.value)}
      >
        <title>{`${r.label}: ${value}`}</title>
      </rect>
      <text x="0" y={y + 45} fill={COLORS.axis} font-size="11">
        {`${value[0].toUpperCase()}${value.slice(1)} · ${target}`}
      </text>
    </g>
  )
}

export interface LineSeries {
  key: string // data-series
  name: string // «План», «Факт»
  daily: number[] // one value per day; the chart adds them up
  until?: string // the last day drawn (the fact stops today); all days when absent
  dashed?: boolean
  color?: string
}

const H = 220
const TOP = 22
const BOTTOM = 182
const xAt = (i: number, n: number) => pctX(2 + (n > 1 ? (96 * i) / (n - 1) : 48))

// Day labels under the axis: the 1st, the 10th, the 20th and the last on a phone; every 5th
// as well on a wider screen (never crowding the last one).
const dayTicks = (n: number) =>
  Array.from({ length: n }, (_, i) => i)
    .filter((i) => i === 0 || i === n - 1 || ((i + 1) % 5 === 0 && n - 1 - i >= 3))
    .map((i) => ({ i, wide: i !== 0 && i !== n - 1 && (i + 1) % 10 !== 0 }))

type Plotted = LineSeries & { points: (number | null)[] } // running totals, null past `until`

// Cumulative lines over the days of a period (a month of the ГПР: plan against fact), each
// series summed from its first day. A point per day with its running total; today marked.
export function CumulativeChart(p: {
  days: string[] // YYYY-MM-DD
  series: LineSeries[]
  caption: string
  unit?: string
  today?: string
  empty?: string
}) {
  const unit = p.unit ?? 'м²'
  if (!p.days.length || !p.series.length)
    return <p class="text-slate-600">{p.empty ?? 'Нет данных'}</p>
  const lines: Plotted[] = p.series.map((s) => {
    const cum = cumulate(p.days.map((_, i) => s.daily[i] ?? 0))
    return { ...s, points: cum.map((v, i) => (!s.until || p.days[i] <= s.until ? v : null)) }
  })
  const { max, ticks } = niceScale(
    Math.max(0, ...lines.flatMap((l) => l.points.filter((v): v is number => v !== null))),
  )
  const y = (v: number) => Math.round((BOTTOM - (v / max) * (BOTTOM - TOP)) * 10) / 10
  const plot = { days: p.days, y, unit }
  return (
    <div class="chart">
      <svg
        role="img"
        aria-label={`${p.caption}: ${lines.map((l) => lastOf(l, p.days, unit)).join(', ')}`}
        width="100%"
        height={H}
        class="block overflow-visible"
        font-size="11"
        data-chart="cumulative"
      >
        <GridLines ticks={ticks} y={y} />
        <DayAxis days={p.days} today={p.today} />
        {lines.map((l) => (
          <Series l={l} {...plot} />
        ))}
        <TickLabels
          ticks={ticks}
          y={y}
          label={(t, i) => (i === ticks.length - 1 ? formatAmount(t, unit) : formatNumber(t))}
        />
      </svg>
      <SrTable
        caption={`${p.caption}, нарастающим итогом`}
        head={['Дата', ...lines.map((l) => `${l.name}, ${unit}`)]}
        rows={p.days.map((d, i) => [
          formatDate(d),
          ...lines.map((l) => (l.points[i] === null ? '—' : formatNumber(round2(l.points[i]!)))),
        ])}
      />
    </div>
  )
}

// «факт 1 234,5 м² на 26.11.2026»: where a series ends, for the summary.
function lastOf(l: Plotted, days: string[], unit: string) {
  const i = l.points.reduce<number>((at, v, j) => (v === null ? at : j), -1)
  const name = l.name.toLowerCase()
  return i < 0
    ? `${name} —`
    : `${name} ${formatAmount(l.points[i]!, unit)} на ${formatDate(days[i])}`
}

// Horizontal gridlines under the data; their labels go on top of it (TickLabels), with a white
// halo, so a bar or a line under a label never hides it.
function GridLines(p: { ticks: number[]; y: (v: number) => number }) {
  return (
    <g>
      {p.ticks.map((t) => (
        <line x1="0" x2="100%" y1={p.y(t)} y2={p.y(t)} stroke={COLORS.grid} stroke-width="1" />
      ))}
    </g>
  )
}

// Labelled above each gridline; the baseline needs no «0».
function TickLabels(p: {
  ticks: number[]
  y: (v: number) => number
  label: (t: number, i: number) => string
}) {
  return (
    <g aria-hidden="true">
      {p.ticks.map(
        (t, i) =>
          i > 0 && (
            <text
              x="0"
              y={Math.round((p.y(t) - 3) * 10) / 10}
              fill={COLORS.axis}
              stroke="#fff"
              stroke-width="3"
              stroke-linejoin="round"
              paint-order="stroke"
            >
              {p.label(t, i)}
            </text>
          ),
      )}
    </g>
  )
}

function DayAxis(p: { days: string[]; today?: string }) {
  const n = p.days.length
  const at = p.today ? p.days.indexOf(p.today) : -1
  return (
    <>
      {dayTicks(n).map(({ i, wide }) => (
        <text
          class={wide ? 'hidden sm:inline' : undefined}
          x={xAt(i, n)}
          y={BOTTOM + 16}
          fill={COLORS.axis}
          text-anchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}
        >
          {formatDate(p.days[i]).slice(0, 5)}
        </text>
      ))}
      {at >= 0 && (
        <g data-today={p.today}>
          <line
            x1={xAt(at, n)}
            x2={xAt(at, n)}
            y1={TOP - 8}
            y2={BOTTOM}
            stroke={COLORS.today}
            stroke-width="1"
            stroke-dasharray="3 3"
          />
          <text
            x={xAt(at, n)}
            y={H - 4}
            fill={COLORS.text}
            text-anchor={at > n - 4 ? 'end' : 'middle'}
          >
            сегодня
          </text>
        </g>
      )}
    </>
  )
}

// One series: segments between consecutive days, then a point per day with its <title>
// (a larger transparent circle under it makes the point easy to hover or tap).
function Series(p: { l: Plotted; days: string[]; y: (v: number) => number; unit: string }) {
  const { l, days, y } = p
  const n = days.length
  const color = l.color ?? COLORS.value
  return (
    <g data-series={l.key} data-name={l.name}>
      {l.points.map((v, i) => {
        const next = l.points[i + 1]
        if (v === null || next === null || next === undefined) return null
        return (
          <line
            x1={xAt(i, n)}
            y1={y(v)}
            x2={xAt(i + 1, n)}
            y2={y(next)}
            stroke={color}
            stroke-width="2"
            stroke-dasharray={l.dashed ? '6 4' : undefined}
          />
        )
      })}
      {l.points.map((v, i) =>
        v === null ? null : (
          <g data-day={days[i]} data-value={raw(v)}>
            <title>{`${formatDate(days[i])} — ${l.name.toLowerCase()} с начала периода: ${formatAmount(v, p.unit)}`}</title>
            <circle cx={xAt(i, n)} cy={y(v)} r="7" fill="transparent" />
            <circle cx={xAt(i, n)} cy={y(v)} r={l.dashed ? 2 : 3} fill={color} />
          </g>
        ),
      )}
    </g>
  )
}

// The legend of a chart's series, for the eye only (the table names them for screen readers).
export function Legend(p: { items: { name: string; color?: string; dashed?: boolean }[] }) {
  return (
    <ul class="flex flex-wrap text-xs text-slate-600" aria-hidden="true">
      {p.items.map((it) => (
        <li class="mr-4 flex items-center">
          <svg width="22" height="10" class="mr-1">
            <line
              x1="1"
              x2="21"
              y1="5"
              y2="5"
              stroke={it.color ?? COLORS.value}
              stroke-width="3"
              stroke-dasharray={it.dashed ? '5 3' : undefined}
            />
          </svg>
          {it.name}
        </li>
      ))}
    </ul>
  )
}

// ---- Grouped columns: several series per period (remarks opened and closed per week) ----

export interface Period {
  key: string // data-key, e.g. the week's Monday
  label: string // under the axis: «02.11»
  title: string // in each <title>: «неделя 02.11.2026 — 08.11.2026»
}

export interface ColumnSeries {
  key: string // data-series
  name: string // «Открыто»
  values: number[] // one per period
  color?: string
}

const COL_H = 200
const COL_TOP = 18
const COL_BOTTOM = 170

// Vertical columns, one group per period with a column per series, on one scale from zero.
// `valueText` words a number for the titles and the table («3 замечания»).
export function ColumnChart(p: {
  periods: Period[]
  series: ColumnSeries[]
  caption: string
  valueText?: (n: number) => string
  counts?: boolean // whole numbers: no «0,25» on the axis
  empty?: string
}) {
  const text = p.valueText ?? ((n: number) => formatNumber(round2(n)))
  if (!p.periods.length || !p.series.length)
    return <p class="text-slate-600">{p.empty ?? 'Нет данных'}</p>
  const top = Math.max(0, ...p.series.flatMap((s) => s.values))
  const { max, ticks } = p.counts ? countScale(top) : niceScale(top)
  const y = (v: number) => Math.round((COL_BOTTOM - (v / max) * (COL_BOTTOM - COL_TOP)) * 10) / 10
  const slot = 100 / p.periods.length // percent of the width per period
  const bar = (slot * 0.8) / p.series.length
  const totals = p.series.map((s) => `${s.name.toLowerCase()} ${text(sum(s.values))}`)
  return (
    <div class="chart">
      <svg
        role="img"
        aria-label={`${p.caption}: ${totals.join(', ')}`}
        width="100%"
        height={COL_H}
        class="block overflow-visible"
        font-size="11"
        data-chart="columns"
      >
        <GridLines ticks={ticks} y={y} />
        {p.periods.map((per, i) => (
          <g data-key={per.key}>
            <title>{`${per.title}: ${p.series.map((s) => `${s.name.toLowerCase()} ${text(s.values[i] ?? 0)}`).join(', ')}`}</title>
            {p.series.map((s, j) => {
              const v = s.values[i] ?? 0
              return (
                <rect
                  x={pctX(i * slot + slot * 0.1 + j * bar)}
                  y={y(v)}
                  width={pctX(bar * 0.92)}
                  height={Math.round((COL_BOTTOM - y(v)) * 10) / 10}
                  fill={s.color ?? COLORS.value}
                  data-series={s.key}
                  data-value={raw(v)}
                >
                  <title>{`${per.title} — ${s.name.toLowerCase()}: ${text(v)}`}</title>
                </rect>
              )
            })}
            <text
              class={i % 2 && p.periods.length > 6 ? 'hidden sm:inline' : undefined}
              x={pctX(i * slot + slot / 2)}
              y={COL_BOTTOM + 16}
              fill={COLORS.axis}
              text-anchor="middle"
            >
              {per.label}
            </text>
          </g>
        ))}
        <TickLabels ticks={ticks} y={y} label={(t, i) => formatNumber(t)} />
      </svg>
      <SrTable
        caption={p.caption}
        head={['', ...p.series.map((s) => s.name)]}
        rows={p.periods.map((per, i) => [
          per.title,
          ...p.series.map((s) => text(s.values[i] ?? 0)),
        ])}
      />
    </div>
  )
}

// ---- A balance over time: steps between the dates it changed on ----

export interface StepPoint {
  date: string // YYYY-MM-DD: the balance at the end of that day
  values: number[] // one per series
}

export interface StepSeries {
  key: string
  name: string
  color?: string
  dashed?: boolean
}

// Levels that hold until the next change, the time axis to scale (a quiet month is wide, a
// busy week narrow), drawn on to `until` (today) after the last change. `valueText` words a
// quantity («1 234,5 кг»).
export function StepChart(p: {
  points: StepPoint[] // in date order, one per date
  series: StepSeries[]
  caption: string
  until?: string
  valueText?: (n: number) => string
  empty?: string
}) {
  const text = p.valueText ?? ((n: number) => formatNumber(round2(n)))
  if (!p.points.length || !p.series.length)
    return <p class="text-slate-600">{p.empty ?? 'Нет данных'}</p>
  const first = p.points[0].date
  const lastChange = p.points[p.points.length - 1].date
  const end = p.until && p.until > lastChange ? p.until : lastChange
  const span = dayNumber(end) - dayNumber(first)
  const x = (d: string) =>
    pctX(2 + (span > 0 ? (96 * (dayNumber(d) - dayNumber(first))) / span : 48))
  const { max, ticks } = niceScale(Math.max(0, ...p.points.flatMap((pt) => pt.values)))
  const y = (v: number) => Math.round((BOTTOM - (Math.max(0, v) / max) * (BOTTOM - TOP)) * 10) / 10
  const labels = [...new Set([first, end])]
  const last = p.points[p.points.length - 1]
  return (
    <div class="chart">
      <svg
        role="img"
        aria-label={`${p.caption}: ${p.series.map((s, k) => `${s.name.toLowerCase()} ${text(last.values[k] ?? 0)}`).join(', ')} на ${formatDate(lastChange)}`}
        width="100%"
        height={H}
        class="block overflow-visible"
        font-size="11"
        data-chart="steps"
      >
        <GridLines ticks={ticks} y={y} />
        {labels.map((d, i) => (
          <text
            x={x(d)}
            y={BOTTOM + 16}
            fill={COLORS.axis}
            text-anchor={labels.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}
          >
            {formatDate(d)}
          </text>
        ))}
        {p.series.map((s, k) => {
          const color = s.color ?? COLORS.value
          const dash = s.dashed ? '6 4' : undefined
          const at = (i: number) => p.points[i].values[k] ?? 0
          return (
            <g data-series={s.key} data-name={s.name}>
              {p.points.map((pt, i) => {
                const next = p.points[i + 1]?.date ?? end
                return (
                  <>
                    <line
                      x1={x(pt.date)}
                      x2={x(next)}
                      y1={y(at(i))}
                      y2={y(at(i))}
                      stroke={color}
                      stroke-width="2"
                      stroke-dasharray={dash}
                    />
                    {p.points[i + 1] && (
                      <line
                        x1={x(next)}
                        x2={x(next)}
                        y1={y(at(i))}
                        y2={y(at(i + 1))}
                        stroke={color}
                        stroke-width="2"
                        stroke-dasharray={dash}
                      />
                    )}
                  </>
                )
              })}
              {p.points.map((pt, i) => (
                <g data-day={pt.date} data-value={raw(at(i))}>
                  <title>{`${formatDate(pt.date)} — ${s.name.toLowerCase()}: ${text(at(i))}`}</title>
                  <circle cx={x(pt.date)} cy={y(at(i))} r="7" fill="transparent" />
                  <circle cx={x(pt.date)} cy={y(at(i))} r="3" fill={color} />
                </g>
              ))}
            </g>
          )
        })}
        <TickLabels
          ticks={ticks}
          y={y}
          label={(t, i) => (i === ticks.length - 1 ? text(t) : formatNumber(t))}
        />
      </svg>
      <SrTable
        caption={p.caption}
        head={['Дата', ...p.series.map((s) => s.name)]}
        rows={p.points.map((pt) => [formatDate(pt.date), ...pt.values.map(text)])}
      />
    </div>
  )
}

const dayNumber = (d: string) => Math.round(Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86_400_000)

export const CHART_COLORS = COLORS

function sum(xs: number[]) {
  return xs.reduce((a, b) => a + b, 0)
}
