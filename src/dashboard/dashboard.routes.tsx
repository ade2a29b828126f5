import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { moscowToday } from '../documents/state.ts'
import { isHtmx } from '../lib/flash.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { DashboardPage } from '../../views/dashboard/DashboardPage.tsx'
import { dashboardData } from './dashboard.data.ts'
import { dashboardStreams } from './dashboard.live.ts'
import { isTileId, layoutFor, renderTile, tilesOf } from './tiles.tsx'

// The home page: a dashboard per role (src/dashboard/tiles.tsx), each tile reloadable alone.
export const dashboardRoutes = new Hono<AppEnv>()

const dataOf = (c: Ctx) => {
  const now = new Date()
  return dashboardData(c.get('db'), userOf(c), {
    now,
    today: moscowToday(now),
    overdueDays: c.get('deps').config.DOCUMENT_OVERDUE_DAYS,
  })
}

dashboardRoutes.get('/', async (c) => {
  const user = userOf(c)
  const layout = layoutFor(user)
  const d = dataOf(c)
  const [main, side] = await Promise.all([
    Promise.all(layout.main.map((id) => renderTile(id, d))),
    Promise.all(layout.side.map((id) => renderTile(id, d))),
  ])
  return c.render(
    <DashboardPage
      user={user}
      today={d.clock.today}
      main={main}
      side={side}
      sideFirstOnPhone={layout.sideFirstOnPhone}
    />,
    { title: 'Главная', streams: await dashboardStreams(tilesOf(layout), d) },
  )
})

// One tile, for its data-resync (a live notice, a reconnect). A tile outside the user's
// dashboard does not exist for him.
dashboardRoutes.get('/dashboard/tiles/:id', async (c) => {
  const id = c.req.param('id')
  if (!isTileId(id) || !tilesOf(layoutFor(userOf(c))).includes(id)) return renderError(c, 404)
  if (!isHtmx(c)) return c.redirect('/', 302)
  return c.html(await renderTile(id, dataOf(c)))
})
