import type ExcelJS from 'exceljs'
import { newWorkbook } from '../lib/xlsx.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import type { CurrentUser } from '../auth/current-user.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/connect.ts'
import { storeUpload } from '../files/storage.ts'
import { formatDate, formatNumber, withUnit } from '../lib/format.ts'
import { JobError, type JobHandler } from '../jobs/worker.ts'
import { managesShifts } from './access.ts'
import { clock, hoursOf, monthName, monthRange, type MonthSheet } from './hours.ts'
import { usersInScope, type ShiftRow } from './shifts.queries.ts'
import { personSheet, teamSheet } from './timesheet.ts'

export const TIMESHEET_KIND = 'shifts.timesheet.xlsx'

export interface TimesheetPayload {
  month: string
  userId: number | null // null: everyone the requester manages
}

const flagsOf = (sheet: MonthSheet<ShiftRow>['days'][number]) =>
  [
    ...new Set(
      sheet.parts.flatMap((p) => [
        ...(p.shift.auto_closed ? ['закрыта автоматически'] : []),
        ...(p.shift.correction_reason != null ? [`исправлена: ${p.shift.correction_reason}`] : []),
      ]),
    ),
  ].join('; ')

// One person: a row per day with the shifts' times, hours and marks; the month's total.
function personRows(ws: ExcelJS.Worksheet, sheet: MonthSheet<ShiftRow>) {
  ws.addRow(['Дата', 'Смены (МСК)', 'Часов', 'Отметки']).font = { bold: true }
  for (const d of sheet.days)
    ws.addRow([
      formatDate(d.day),
      d.parts.map((p) => `${clock(p.from)}–${clock(p.to)}`).join(', '),
      hoursOf(d.minutes),
      flagsOf(d),
    ])
  ws.addRow(['Итого', `смен: ${sheet.shifts}`, hoursOf(sheet.minutes), '']).font = { bold: true }
  ws.columns.forEach((c, i) => (c.width = [12, 28, 10, 50][i]))
}

// Everyone: the classic grid — a row per person, a column per day, then the totals.
async function teamRows(
  db: Db,
  ws: ExcelJS.Worksheet,
  user: CurrentUser,
  month: string,
  now: Date,
) {
  const days = monthRange(month).days
  const rows = await teamSheet(db, user, month, now)
  ws.addRow([
    'Сотрудник',
    ...days.map((d) => Number(d.slice(8))),
    'Итого часов',
    'Смен',
    'С отметками',
  ]).font = { bold: true }
  for (const r of rows) {
    const byDay = new Map(r.sheet.days.map((d) => [d.day, hoursOf(d.minutes)]))
    ws.addRow([
      r.full_name,
      ...days.map((d) => byDay.get(d) ?? null),
      hoursOf(r.sheet.minutes),
      r.sheet.shifts,
      r.flagged,
    ])
  }
  const total = rows.reduce((s, r) => s + r.sheet.minutes, 0)
  ws.addRow([
    'Итого',
    ...days.map(() => null),
    hoursOf(total),
    rows.reduce((s, r) => s + r.sheet.shifts, 0),
    rows.reduce((s, r) => s + r.flagged, 0),
  ]).font = { bold: true }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 34 : i > days.length ? 12 : 5))
  return { rows: rows.length, minutes: total }
}

export const timesheetXlsx =
  (config: Config): JobHandler<TimesheetPayload> =>
  async (job, ctx) => {
    const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
    const { month, userId } = job.payload
    if (!user || ((userId == null || userId !== user.id) && !managesShifts(user)))
      throw new JobError('Нет доступа к табелю')
    const now = new Date()
    const wb = await newWorkbook()
    const ws = wb.addWorksheet('Табель')
    ws.addRow([`Табель учёта рабочего времени за ${monthName(month)}`]).font = { bold: true }
    await ctx.progress(20, 'Считаем часы')
    let message: string
    let name: string
    if (userId == null) {
      ws.addRow(['Часы по московскому времени; смена через полночь делится между днями'])
      ws.addRow([])
      const t = await teamRows(ctx.db, ws, user, month, now)
      message = `Сотрудников: ${formatNumber(t.rows)}, итого ${withUnit(hoursOf(t.minutes), 'ч')}`
      name = `Табель ${month}.xlsx`
    } else {
      const person =
        (await usersInScope(ctx.db, user, month)).find((u) => u.id === userId) ??
        (userId === user.id ? { ...user, position: null } : null)
      if (!person) throw new JobError('Нет доступа к табелю этого сотрудника')
      ws.addRow([`Сотрудник: ${person.full_name}${person.position ? `, ${person.position}` : ''}`])
      ws.addRow([])
      const sheet = await personSheet(ctx.db, user, userId, month, now)
      personRows(ws, sheet)
      message = `Смен: ${formatNumber(sheet.shifts)}, итого ${withUnit(hoursOf(sheet.minutes), 'ч')}`
      name = `Табель ${person.full_name} ${month}.xlsx`
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const file = await storeUpload(
      ctx.db,
      { userId: user.id, ip: null, requestId: `job:${job.id}` },
      config,
      new File([new Uint8Array(bytes)], name),
      { allowed: ['office'] },
    )
    return { fileId: file.id, message }
  }
