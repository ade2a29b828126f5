import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { wantsFragment } from '../lib/flash.ts'
import { Overview } from '../../views/stock/Overview.tsx'
import { StockPage } from '../../views/stock/StockPage.tsx'
import { can } from '../auth/current-user.ts'
import { openAlerts } from './alerts.ts'
import { balances } from './batches.queries.ts'
import { batchRoutes } from './batches.routes.tsx'
import { consumptionRoutes } from './consumption.routes.tsx'
import { countPending } from './consumption.queries.ts'
import { requestRoutes } from './requests/requests.routes.tsx'
import { registryRoutes } from './registry/registry.routes.tsx'

// The warehouse: /stock (balances and alerts), /stock/batches, /stock/consumption,
// /stock/requests, /stock/registry/:projectId.
export const stockRoutes = new Hono<AppEnv>()
stockRoutes.use(requirePermission('stock.read'))

stockRoutes.get('/', async (c) => {
  const db = c.get('db')
  const user = userOf(c)
  const [rows, alerts, pendingConsumption, open] = await Promise.all([
    balances(db),
    openAlerts(db),
    countPending(db, user),
    db
      .selectFrom('material_requests')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('status', 'in', ['draft', 'pending', 'approved'])
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  ])
  const view = (
    <Overview
      balances={rows}
      alerts={alerts}
      pendingConsumption={pendingConsumption}
      openRequests={Number(open?.n ?? 0)}
    />
  )
  if (wantsFragment(c)) return c.html(view)
  return c.render(
    <StockPage
      current="overview"
      title="Склад"
      actions={
        can(user, 'stock.write') && (
          <a class="btn btn-primary" href="/stock/batches/new">
            Приход партии
          </a>
        )
      }
    >
      {view}
    </StockPage>,
    { title: 'Склад', streams: ['stock'] },
  )
})

stockRoutes.route('/batches', batchRoutes)
stockRoutes.route('/consumption', consumptionRoutes)
stockRoutes.route('/requests', requestRoutes)
stockRoutes.route('/registry', registryRoutes)
