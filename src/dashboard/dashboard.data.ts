import type { CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { countByState } from '../documents/documents.queries.ts'
import { splitByDay } from '../shifts/hours.ts'
import { openAlerts } from '../stock/alerts.ts'
import { addDays, mondayOf } from '../weekly/week.ts'
import {
  myLinesOf,
  myShifts,
  overdueDocumentsByProject,
  overdueRemarksByProject,
  pendingRequests,
  recentReturns,
  remarksToHandle,
} from './dashboard.queries.ts'
import { loadProgress } from './progress.queries.ts'

export interface Clock {
  today: string // Moscow date
  now: Date
  overdueDays: number // DOCUMENT_OVERDUE_DAYS
}

// Each source of the dashboard, loaded at most once per request however many tiles read it
// (the month line and the project bars share one set of queries).
export function dashboardData(db: Db, user: CurrentUser, clock: Clock) {
  const once = <T>(load: () => Promise<T>) => {
    let p: Promise<T> | undefined
    return () => (p ??= load())
  }
  const rule = { today: clock.today, overdueDays: clock.overdueDays }
  return {
    user,
    clock,
    progress: once(() => loadProgress(db, user, clock.today)),
    overdueRemarks: once(() => overdueRemarksByProject(db, user, clock.today)),
    overdueDocuments: once(() => overdueDocumentsByProject(db, user, rule)),
    documentCounts: once(() => countByState(db, user, {}, rule)),
    returns: once(() => recentReturns(db, user)),
    myRemarks: once(() => remarksToHandle(db, user, 'mine')),
    toVerify: once(() => remarksToHandle(db, user, 'fixed')),
    alerts: once(() => openAlerts(db)),
    requests: once(() => pendingRequests(db, user)),
    todayLines: once(() => myLinesOf(db, user, clock.today)),
    week: once(() => loadWeek(db, user, clock)),
  }
}
export type DashboardData = ReturnType<typeof dashboardData>

export interface WeekHours {
  days: { day: string; minutes: number }[] // Monday … Sunday
  minutes: number
  openSince: string | null // a shift running now
}

// The user's hours this Moscow week, cut at midnights as the timesheet counts them.
async function loadWeek(db: Db, user: CurrentUser, clock: Clock): Promise<WeekHours> {
  const monday = mondayOf(clock.today)
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  const at = (d: string) => new Date(`${d}T00:00:00+03:00`).toISOString()
  const shifts = await myShifts(db, user, at(monday), at(addDays(monday, 7)))
  const minutes = new Map(days.map((d) => [d, 0]))
  for (const s of shifts)
    for (const part of splitByDay(s, clock.now))
      if (minutes.has(part.day)) minutes.set(part.day, minutes.get(part.day)! + part.minutes)
  return {
    days: days.map((day) => ({ day, minutes: minutes.get(day)! })),
    minutes: [...minutes.values()].reduce((a, b) => a + b, 0),
    openSince: shifts.find((s) => !s.ended_at)?.started_at ?? null,
  }
}
