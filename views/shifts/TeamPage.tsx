import { formatNumber } from '../../src/lib/format.ts'
import { hoursOf } from '../../src/shifts/hours.ts'
import type { TeamRow } from '../../src/shifts/timesheet.ts'
import { MonthNav } from './TimesheetPage.tsx'
import { EmptyRow, EmptyState } from '../components/ListStates.tsx'

// The month of everyone the viewer manages: hours, shifts, and how many need a look.
export function TeamPage({ month, rows }: { month: string; rows: TeamRow[] }) {
  const total = rows.reduce((s, r) => s + r.sheet.minutes, 0)
  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">Табель: сводка по сотрудникам</h1>
        <MonthNav base="/shifts/team" month={month} />
      </div>
      <form method="post" action="/shifts/export" class="no-print" hx-disabled-elt="find button">
        <input type="hidden" name="month" value={month} />
        <input type="hidden" name="scope" value="team" />
        <button class="btn" type="submit">
          Табель всех сотрудников в Excel
        </button>
      </form>
      <table class="table table-cards card">
        <thead>
          <tr>
            <th>Сотрудник</th>
            <th class="text-right">Часов</th>
            <th class="text-right">Смен</th>
            <th class="text-right">С отметками</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <EmptyRow cols={4}>
              <EmptyState
                title="Сотрудников в табеле нет"
                hint="Здесь видны часы и смены сотрудников ваших проектов за месяц. Сотрудники появляются, когда их добавляют в проекты или бригады."
              />
            </EmptyRow>
          )}
          {rows.map((r) => (
            <tr id={`team-${r.id}`}>
              <td data-label="Сотрудник">
                <a class="link" href={`/shifts?user=${r.id}&month=${month}`}>
                  {r.full_name}
                </a>
                {r.position && <div class="text-xs text-slate-500">{r.position}</div>}
              </td>
              <td data-label="Часов" class="sm:text-right font-semibold">
                {formatNumber(hoursOf(r.sheet.minutes))}
              </td>
              <td data-label="Смен" class="sm:text-right">
                {formatNumber(r.sheet.shifts)}
              </td>
              <td
                data-label="С отметками"
                class={`sm:text-right ${r.flagged ? 'font-semibold text-amber-800' : ''}`}
                title="Закрыты автоматически или исправлены"
              >
                {r.flagged}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td class="font-semibold">Итого</td>
            <td data-label="Часов" class="sm:text-right font-semibold">
              {formatNumber(hoursOf(total))}
            </td>
            <td data-label="Смен" class="sm:text-right">
              {rows.reduce((s, r) => s + r.sheet.shifts, 0)}
            </td>
            <td data-label="С отметками" class="sm:text-right">
              {rows.reduce((s, r) => s + r.flagged, 0)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
