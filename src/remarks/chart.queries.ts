import { sql, type Expression, type RawBuilder } from 'kysely'
import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { addDays, mondayOf } from '../weekly/week.ts'

export const CHART_WEEKS = 12

export interface RemarkWeeks {
  weeks: string[] // the Mondays, oldest first; the last is the current week
  opened: number[] // remarks registered in each week
  closed: number[] // remarks closed or rejected in each week (and not reopened since)
}

// The instant a Moscow day starts (UTC+3, no daylight saving), as stored timestamps compare.
const moscowMidnight = (day: string) => new Date(`${day}T00:00:00+03:00`).toISOString()

// The week a timestamp falls in, 0 … n−1, by comparing it with the weeks' boundaries: one
// portable CASE, so both databases group the same way without date functions of their own.
function weekIndex(column: Expression<unknown>, bounds: string[]): RawBuilder<number> {
  const whens = bounds.slice(1, -1).map((b, i) => sql`when ${column} < ${b} then ${sql.lit(i)}`)
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(bounds.length - 2)} end`
}

// Remarks opened and closed per week over the last twelve weeks (Moscow time), of one project
// or of every project the user may see. Two grouped queries of at most twelve rows each.
export async function remarksByWeek(
  db: Db,
  user: CurrentUser,
  opts: { today: string; project?: number; weeks?: number },
): Promise<RemarkWeeks> {
  const n = opts.weeks ?? CHART_WEEKS
  const first = addDays(mondayOf(opts.today), -7 * (n - 1))
  const weeks = Array.from({ length: n }, (_, i) => addDays(first, 7 * i))
  const bounds = [...weeks, addDays(first, 7 * n)].map(moscowMidnight)
  const counted = async (column: 'remarks.created_at' | 'remarks.closed_at') => {
    let qb = db
      .selectFrom('remarks')
      .innerJoin('projects', 'projects.id', 'remarks.project_id')
      .where(visibleProjects(user))
      .where('projects.deleted_at', 'is', null)
      .where('remarks.deleted_at', 'is', null)
      .where(sqlWhen(can(user, 'remarks.read')))
      .where(column, '>=', bounds[0])
      .where(column, '<', bounds[n])
    if (opts.project) qb = qb.where('remarks.project_id', '=', opts.project)
    const rows = await qb
      .select([weekIndex(sql.ref(column), bounds).as('w'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(sql`w`)
      .execute()
    const out = weeks.map(() => 0)
    for (const r of rows) out[Number(r.w)] += Number(r.n)
    return out
  }
  const [opened, closed] = await Promise.all([
    counted('remarks.created_at'),
    counted('remarks.closed_at'),
  ])
  return { weeks, opened, closed }
}
