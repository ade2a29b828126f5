import type { WeekHours } from '../../src/dashboard/dashboard.data.ts'
import type { LineItem } from '../../src/dashboard/dashboard.queries.ts'
import { countOf as count } from '../../src/lib/format.ts'
import { formatAmount } from '../../src/lib/charts.tsx'
import { formatDate, formatNumber, formatTime } from '../../src/lib/format.ts'
import { formatDuration } from '../../src/shifts/hours.ts'
import { Empty, More, Tile } from './Tile.tsx'

const lines = (n: number) => count(n, 'строка', 'строки', 'строк')

// The lines the user entered for today.
export function TodayLogTile(p: {
  rows: LineItem[]
  total: number
  area_m2: number
  today: string
  canWrite: boolean
}) {
  const href = `/worklog?from=${p.today}&to=${p.today}`
  return (
    <Tile
      id="today-log"
      title={`Мой журнал за ${formatDate(p.today)}`}
      href={href}
      live="sums"
      count={p.total}
      countLabel={lines(p.total)}
    >
      {p.total === 0 ? (
        <>
          <Empty>Сегодня вы ещё не вносили объёмы.</Empty>
          {p.canWrite && (
            <a class="btn btn-primary mt-2" href="/worklog">
              Внести объёмы
            </a>
          )}
        </>
      ) : (
        <>
          <p class="mb-1 text-sm">
            Всего: <strong data-area={String(p.area_m2)}>{formatAmount(p.area_m2)}</strong>
          </p>
          <ul class="divide-y divide-slate-100 text-sm">
            {p.rows.map((l) => (
              <li class="flex justify-between py-1" data-line={String(l.id)}>
                <span class="mr-2">
                  <a
                    class="link font-mono text-xs"
                    href={`/projects/${l.project_id}/worklog?from=${p.today}&to=${p.today}`}
                  >
                    {l.project_code}
                  </a>{' '}
                  {l.material}, {l.type_code}:{' '}
                  {l.metres != null ? `${formatNumber(l.metres)} м` : `${l.pieces ?? 0} шт`}
                </span>
                <span class="whitespace-nowrap tabular-nums">{formatAmount(l.area_m2)}</span>
              </li>
            ))}
          </ul>
          {p.total > p.rows.length && <More href={href}>все {lines(p.total)}</More>}
        </>
      )}
    </Tile>
  )
}

const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс']

// The user's hours this week, day by day.
export function MyWeekTile({ week, today }: { week: WeekHours; today: string }) {
  const hours = Math.round((week.minutes / 60) * 10) / 10
  return (
    <Tile
      id="my-week"
      title="Мои смены на этой неделе"
      href="/shifts"
      count={hours}
      unit="ч"
      countLabel={`${formatNumber(hours)} ч за неделю`}
    >
      {week.minutes === 0 && !week.openSince ? (
        <Empty>На этой неделе смен нет.</Empty>
      ) : (
        <>
          {week.openSince && (
            <p class="mb-2 text-sm text-green-800">Смена идёт с {formatTime(week.openSince)}.</p>
          )}
          <table class="w-full text-sm">
            <caption class="sr-only">Часы по дням недели</caption>
            <tbody>
              {week.days.map((d, i) => (
                <tr class={d.day === today ? 'bg-yellow-50 font-semibold' : ''} data-day={d.day}>
                  <th scope="row" class="py-0.5 pr-2 text-left font-normal">
                    {WEEKDAYS[i]} {formatDate(d.day).slice(0, 5)}
                  </th>
                  <td class="py-0.5 text-right tabular-nums" data-minutes={String(d.minutes)}>
                    {d.minutes ? formatDuration(d.minutes) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="mt-2 text-sm">Итого: {formatDuration(week.minutes)}</p>
        </>
      )}
    </Tile>
  )
}
