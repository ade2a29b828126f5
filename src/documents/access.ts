import type { Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { parseId } from '../lib/forms.ts'
import { loadProject } from '../projects/load-project.ts'
import { findDocumentFor } from './documents.queries.ts'
import { isOverdue, moscowToday } from './state.ts'

// The registry is internal: without documents.read (an inspector) it does not exist → 404.
export async function loadRegistryProject(c: Ctx) {
  if (!can(userOf(c), 'documents.read')) return null
  return loadProject(c, { activeOnly: true })
}

export async function loadDocument(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findDocumentFor(c.get('db'), userOf(c), id) : null
}

// The clock and the overdue rule every list and page of documents uses.
export function overdueRule(c: Ctx) {
  const today = moscowToday()
  const overdueDays = c.get('deps').config.DOCUMENT_OVERDUE_DAYS
  return {
    today,
    overdueDays,
    isOverdue: (d: Parameters<typeof isOverdue>[0]) => isOverdue(d, today, overdueDays),
  }
}
