import { formatDate } from '../lib/format.ts'
import type { DocumentRow, DocumentState } from './documents.table.ts'

// в офисе → отправлен → возвращён → (отправлен again …): the one rule for every movement.
// Returns the Russian reason a movement is not possible, or null.
export function movementProblem(
  doc: Pick<DocumentRow, 'state' | 'shipped_on' | 'number'>,
  kind: 'shipment' | 'return',
  onDate: string,
): string | null {
  if (kind === 'shipment' && doc.state === 'shipped')
    return `Документ № ${doc.number} уже у заказчика (отправлен ${formatDate(doc.shipped_on)})`
  if (kind === 'return' && doc.state !== 'shipped')
    return `Документ № ${doc.number} не был отправлен — вернуть его нельзя`
  if (kind === 'return' && doc.shipped_on && onDate < doc.shipped_on)
    return `Дата возврата раньше даты отправки (${formatDate(doc.shipped_on)})`
  return null
}

export const nextState = (kind: 'shipment' | 'return'): DocumentState =>
  kind === 'shipment' ? 'shipped' : 'returned'

// The last day a document may stay with the customer without being overdue.
export function overdueBefore(today: string, days: number) {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString().slice(0, 10)
}

export const isOverdue = (
  doc: Pick<DocumentRow, 'state' | 'shipped_on'>,
  today: string,
  days: number,
) => doc.state === 'shipped' && !!doc.shipped_on && doc.shipped_on < overdueBefore(today, days)

// Today in Moscow, as the company counts days.
export const moscowToday = (now = new Date()) =>
  new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10)
