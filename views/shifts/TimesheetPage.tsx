import { formatDate, formatDateTime, formatNumber, shortName } from '../../src/lib/format.ts'
import {
  clock,
  formatDuration,
  hoursOf,
  moscowMonth,
  monthName,
  shiftMonth,
  type DayPart,
  type MonthSheet,
} from '../../src/shifts/hours.ts'
import type { ShiftRow } from '../../src/shifts/shifts.queries.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { EmptyState } from '../components/ListStates.tsx'

// An empty month: one's own current month offers to start a shift (everyone may clock in).
function NoShifts(p: { month: string; isMine: boolean }) {
  const now = p.isMine && p.month === moscowMonth()
  return (
    <EmptyState
      title={now ? 'В этом месяце смен пока нет' : 'В этом месяце смен нет'}
      hint="Смена — рабочий день сотрудника: начало, конец и часы. Начинают и завершают её кнопкой в шапке страницы; из смен складывается табель."
    >
      {now && (
        <form method="post" action="/shifts/start">
          <input type="hidden" name="back" value="/shifts" />
          <button class="btn btn-primary" type="submit">
            Начать смену
          </button>
        </form>
      )}
    </EmptyState>
  )
}

const pill = 'inline-block rounded px-2 py-0.5 text-xs font-medium'
const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб']
const weekday = (day: string) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]

export function ShiftFlags({ s }: { s: ShiftRow }) {
  return (
    <>
      {s.ended_at == null && <span class={`${pill} bg-green-100 text-green-900`}>идёт</span>}
      {!!s.auto_closed && (
        <span class={`${pill} bg-amber-100 text-amber-900`}>закрыта автоматически</span>
      )}
      {s.correction_reason != null && (
        <span class={`${pill} bg-blue-100 text-blue-900`} title={s.correction_reason}>
          исправлена
        </span>
      )}
    </>
  )
}

// One part of a shift on one day; a shift across midnight shows where it began or goes on.
function PartRow({ p, canCorrect }: { p: DayPart<ShiftRow>; canCorrect: boolean }) {
  const s = p.shift
  const startsHere = moscowToday(new Date(s.started_at)) === p.day
  // An open shift's part that runs to midnight goes on the next day.
  const endsHere = s.ended_at ? moscowToday(new Date(s.ended_at)) === p.day : p.to < 24 * 60
  return (
    <div class="flex flex-wrap items-center gap-2">
      <span class="whitespace-nowrap font-mono">
        {clock(p.from)} – {endsHere && !s.ended_at ? 'сейчас' : clock(p.to)}
      </span>
      <span class="text-slate-600">{formatDuration(p.minutes)}</span>
      {!startsHere && (
        <span class="text-xs text-slate-500">смена с {formatDateTime(s.started_at)}</span>
      )}
      {!endsHere && s.ended_at && (
        <span class="text-xs text-slate-500">смена до {formatDateTime(s.ended_at)}</span>
      )}
      <ShiftFlags s={s} />
      {s.correction_reason != null && (
        <span class="text-xs text-slate-600">
          «{s.correction_reason}»{s.corrected_by_name && ` — ${shortName(s.corrected_by_name)}`}
        </span>
      )}
      {canCorrect && (
        <a class="link text-xs" href={`/shifts/${s.id}/edit`}>
          Исправить
        </a>
      )}
    </div>
  )
}

export function MonthNav(p: { base: string; month: string; extra?: string }) {
  const href = (m: string) => `${p.base}?month=${m}${p.extra ?? ''}`
  return (
    <nav class="flex items-center gap-2" aria-label="Месяц">
      <a class="btn" href={href(shiftMonth(p.month, -1))} aria-label="Предыдущий месяц">
        ←
      </a>
      <span class="min-w-[9rem] text-center font-medium capitalize">{monthName(p.month)}</span>
      <a class="btn" href={href(shiftMonth(p.month, 1))} aria-label="Следующий месяц">
        →
      </a>
    </nav>
  )
}

export function TimesheetPage(p: {
  person: { id: number; full_name: string }
  month: string
  sheet: MonthSheet<ShiftRow>
  people: { id: number; full_name: string }[] // the picker, for those who manage shifts
  canCorrect: boolean
  isMine: boolean
}) {
  const userParam = p.isMine ? '' : `&user=${p.person.id}`
  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">
          Табель: {p.isMine ? 'мои смены' : shortName(p.person.full_name)}
        </h1>
        <MonthNav base="/shifts" month={p.month} extra={userParam} />
      </div>
      <div class="no-print flex flex-wrap items-end gap-2">
        {p.people.length > 1 && (
          <form method="get" action="/shifts" class="flex flex-wrap items-end gap-2">
            <input type="hidden" name="month" value={p.month} />
            <select class="input sm:w-72" name="user" aria-label="Сотрудник">
              {p.people.map((u) => (
                <option value={String(u.id)} selected={u.id === p.person.id}>
                  {u.full_name}
                </option>
              ))}
            </select>
            <button class="btn" type="submit">
              Показать
            </button>
            <a class="btn" href={`/shifts/team?month=${p.month}`}>
              Сводка по сотрудникам
            </a>
          </form>
        )}
        <form method="post" action="/shifts/export" hx-disabled-elt="find button">
          <input type="hidden" name="month" value={p.month} />
          <input type="hidden" name="user" value={String(p.person.id)} />
          <button class="btn" type="submit">
            Табель в Excel
          </button>
        </form>
      </div>
      {p.sheet.days.length === 0 ? (
        <NoShifts month={p.month} isMine={p.isMine} />
      ) : (
        <table class="table table-cards card">
          <thead>
            <tr>
              <th>Дата</th>
              <th>Смены</th>
              <th class="text-right">Часов за день</th>
            </tr>
          </thead>
          <tbody>
            {p.sheet.days.map((d) => (
              <tr id={`day-${d.day}`}>
                <td data-label="Дата" class="whitespace-nowrap">
                  {formatDate(d.day)} <span class="text-slate-500">{weekday(d.day)}</span>
                </td>
                <td data-label="Смены" class="space-y-1">
                  {d.parts.map((part) => (
                    <PartRow p={part} canCorrect={p.canCorrect} />
                  ))}
                </td>
                <td data-label="Часов" class="whitespace-nowrap sm:text-right font-semibold">
                  {formatNumber(hoursOf(d.minutes))}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td class="font-semibold">Итого за месяц</td>
              <td data-label="Смен">смен: {formatNumber(p.sheet.shifts)}</td>
              <td
                id="month-total"
                data-label="Итого"
                class="whitespace-nowrap sm:text-right font-semibold"
              >
                {formatNumber(hoursOf(p.sheet.minutes))} ч
                <div class="text-xs font-normal text-slate-500">
                  {formatDuration(p.sheet.minutes)}
                </div>
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  )
}
