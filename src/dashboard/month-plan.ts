import { calendarDays, weekday, workingDays } from '../weekly/week.ts'

// A plan row of the ГПР (its dates, or the project's) spread over its planned span the way the
// weekly report spreads it: evenly over the span's working days (Monday to Friday), or over
// its calendar days for a span with no weekday at all. Pure functions over 'YYYY-MM-DD'.

export interface PlanLine {
  project_id: number
  plan_m2: number
  start_date: string | null
  end_date: string | null
}

// The row's share of each of the given days (zero outside the span); null for a row that
// cannot be placed (no dates, or the end before the start).
export function dailyShares(line: PlanLine, days: string[]): number[] | null {
  const { start_date: start, end_date: end } = line
  if (!start || !end || end < start) return null
  const working = workingDays(start, end)
  const perDay = line.plan_m2 / (working || calendarDays(start, end))
  return days.map((d) => (d < start || d > end ? 0 : working && weekday(d) >= 5 ? 0 : perDay))
}

export interface MonthPlan {
  byProject: Map<number, number> // the month's plan of each project
  daily: number[] // every row's plan per day of the month
  undated: number // rows without planned dates: they cannot be placed in the month
}

export function monthPlan(lines: PlanLine[], days: string[]): MonthPlan {
  const byProject = new Map<number, number>()
  const daily = days.map(() => 0)
  let undated = 0
  for (const l of lines) {
    const shares = dailyShares(l, days)
    if (!shares) {
      undated++
      continue
    }
    shares.forEach((v, i) => (daily[i] += v))
    const month = shares.reduce((a, b) => a + b, 0)
    if (month) byProject.set(l.project_id, (byProject.get(l.project_id) ?? 0) + month)
  }
  return { byProject, daily, undated }
}
