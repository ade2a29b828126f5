import type { AppDeps } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { moscowToday } from '../documents/state.ts'
import { refreshNotice } from '../live/oob.ts'
import type { LiveRegistry } from '../live/registry.ts'
import { publishNotifications } from '../notifications/notifications.live.tsx'
import { reconcileAlerts } from './alerts.ts'

// One stream for the warehouse: balances, alerts and requests depend on each page's filters,
// so a change tells every open warehouse page to reload its [data-live-stock] regions.
export const STOCK_STREAM = 'stock'
const CHANGED = 'stock.changed'

export function registerStockLive(r: LiveRegistry) {
  r.stream(STOCK_STREAM, { authorize: async (_db, user) => can(user, 'stock.read') })
  r.fragment<{ at: string }>(CHANGED, {
    load: async (_db, id) => ({ at: id }),
    audience: async (_db, _ctx, users) =>
      new Set(users.filter((u) => can(u, 'stock.read')).map((u) => u.id)),
    variant: () => '',
    render: () => refreshNotice('[data-live-stock]'),
  })
}

// After a stock transaction commits: stock control for the batches it touched, the bells of
// whoever an alert notified, and every open warehouse page.
// Without batch ids: the periodic pass over every batch with stock or an open alert.
export async function afterStockChange(
  deps: Pick<AppDeps, 'db' | 'live'>,
  batchIds: number[] | undefined,
  today = moscowToday(),
) {
  const r = await reconcileAlerts(deps.db, today, batchIds)
  await publishNotifications(deps.live, r.notified)
  if (batchIds || r.raised.length || r.cleared) await publishStockChanged(deps.live)
  return r
}

export const publishStockChanged = (live: AppDeps['live']) =>
  live.publish({ stream: STOCK_STREAM, kind: CHANGED, id: String(Date.now()) })
