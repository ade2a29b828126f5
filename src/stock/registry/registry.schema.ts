import { z } from 'zod'
import { formatDate } from '../../lib/format.ts'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

// The optional period (dates of consumption), from the page's query or an export's form.
// A malformed date is dropped rather than refused: the register then covers more, never less.
export const periodQuery = z.object({
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
})
export type Period = z.output<typeof periodQuery>

export const readPeriod = (v: { from?: unknown; to?: unknown }): Period =>
  periodQuery.parse({
    from: typeof v.from === 'string' && v.from ? v.from : undefined,
    to: typeof v.to === 'string' && v.to ? v.to : undefined,
  })

// «за период 01.11.2026 — 30.11.2026», «с 01.11.2026», «по 30.11.2026», «за весь период».
export function periodText(p: Period) {
  if (p.from && p.to) return `за период ${formatDate(p.from)} — ${formatDate(p.to)}`
  if (p.from) return `с ${formatDate(p.from)}`
  if (p.to) return `по ${formatDate(p.to)}`
  return 'за весь период работ'
}
