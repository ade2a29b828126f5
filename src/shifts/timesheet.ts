import type { CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { monthSheet, type MonthSheet } from './hours.ts'
import { monthShifts, usersInScope, type ShiftRow } from './shifts.queries.ts'

export const isFlagged = (s: ShiftRow) => !!s.auto_closed || s.correction_reason != null

export interface TeamRow {
  id: number
  full_name: string
  position: string | null
  sheet: MonthSheet<ShiftRow>
  flagged: number // shifts closed by the rule or corrected
}

// One person's month (the viewer's scope applies: outside it the sheet is empty).
export async function personSheet(
  db: Db,
  viewer: CurrentUser,
  userId: number,
  month: string,
  now: Date,
) {
  return monthSheet(await monthShifts(db, viewer, month, userId), month, now)
}

// Everyone in the viewer's scope: two queries whatever the number of people.
export async function teamSheet(
  db: Db,
  viewer: CurrentUser,
  month: string,
  now: Date,
): Promise<TeamRow[]> {
  const [people, shifts] = await Promise.all([
    usersInScope(db, viewer, month),
    monthShifts(db, viewer, month),
  ])
  const byUser = new Map<number, ShiftRow[]>()
  for (const s of shifts) byUser.set(s.user_id, [...(byUser.get(s.user_id) ?? []), s])
  return people.map((p) => {
    const sheet = monthSheet(byUser.get(p.id) ?? [], month, now)
    const counted = new Set(sheet.days.flatMap((d) => d.parts.map((x) => x.shift)))
    return {
      id: p.id,
      full_name: p.full_name,
      position: p.position,
      sheet,
      flagged: [...counted].filter(isFlagged).length,
    }
  })
}
