import { can, type CurrentUser } from '../../src/auth/current-user.ts'

export const historyHref = (entity: string, id: string | number) =>
  `/admin/audit?entity=${encodeURIComponent(entity)}&entity_id=${encodeURIComponent(String(id))}`

// «История изменений» of one record in the audit log, for those who may read the log.
// entity: the audit log's entity type ('customer', 'stock_batch', …).
export function HistoryLink(p: {
  user: CurrentUser | null | undefined
  entity: string
  id: number | string
  class?: string
}) {
  if (!can(p.user, 'audit.read')) return null
  return (
    <a
      class={p.class ?? 'link no-print inline-block text-sm'}
      href={historyHref(p.entity, p.id)}
      data-history-link
    >
      История изменений
    </a>
  )
}
