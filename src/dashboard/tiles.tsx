import type { HtmlEscapedString } from 'hono/utils/html'
import { can, type CurrentUser } from '../auth/current-user.ts'
import type { Permission } from '../auth/permissions.ts'
import type { Role } from '../auth/roles.ts'
import {
  DocumentFlowTile,
  OverdueDocumentsTile,
  ReturnsTile,
} from '../../views/dashboard/DocumentTiles.tsx'
import { MonthTile, ProgressTile } from '../../views/dashboard/ProgressTiles.tsx'
import {
  MyRemarksTile,
  OverdueRemarksTile,
  ToVerifyTile,
} from '../../views/dashboard/RemarkTiles.tsx'
import { MyWeekTile, TodayLogTile } from '../../views/dashboard/SiteTiles.tsx'
import { RequestsTile, StockAlertsTile } from '../../views/dashboard/StockTiles.tsx'
import type { LiveKind } from '../../views/dashboard/Tile.tsx'
import type { DashboardData } from './dashboard.data.ts'

interface TileDef {
  permission: Permission | null // without it the tile is not shown (nor served)
  live: LiveKind | null
  render(d: DashboardData): Promise<HtmlEscapedString | Promise<HtmlEscapedString>>
}

// Every tile: what it needs, which live notice reloads it, and how it loads and draws.
export const TILES = {
  month: {
    permission: 'worklog.read',
    live: 'sums',
    render: async (d) => <MonthTile p={await d.progress()} />,
  },
  progress: {
    permission: 'worklog.read',
    live: 'sums',
    render: async (d) => <ProgressTile p={await d.progress()} />,
  },
  'overdue-remarks': {
    permission: 'remarks.read',
    live: 'remarks',
    render: async (d) => <OverdueRemarksTile rows={await d.overdueRemarks()} />,
  },
  'overdue-documents': {
    permission: 'documents.read',
    live: 'documents',
    render: async (d) => (
      <OverdueDocumentsTile rows={await d.overdueDocuments()} overdueDays={d.clock.overdueDays} />
    ),
  },
  'stock-alerts': {
    permission: 'stock.read',
    live: 'stock',
    render: async (d) => <StockAlertsTile alerts={await d.alerts()} />,
  },
  requests: {
    permission: 'stock.read',
    live: 'stock',
    render: async (d) => <RequestsTile {...await d.requests()} />,
  },
  'today-log': {
    permission: 'worklog.read',
    live: 'sums',
    render: async (d) => (
      <TodayLogTile
        {...await d.todayLines()}
        today={d.clock.today}
        canWrite={can(d.user, 'worklog.write')}
      />
    ),
  },
  'my-remarks': {
    permission: 'remarks.read',
    live: 'remarks',
    render: async (d) => <MyRemarksTile {...await d.myRemarks()} today={d.clock.today} />,
  },
  'to-verify': {
    permission: 'remarks.read',
    live: 'remarks',
    render: async (d) => <ToVerifyTile {...await d.toVerify()} today={d.clock.today} />,
  },
  'my-week': {
    permission: null, // one's own shifts
    live: null,
    render: async (d) => <MyWeekTile week={await d.week()} today={d.clock.today} />,
  },
  'document-flow': {
    permission: 'documents.read',
    live: 'documents',
    render: async (d) => {
      const overdue = (await d.overdueDocuments()).reduce((a, r) => a + r.n, 0)
      return <DocumentFlowTile counts={await d.documentCounts()} overdue={overdue} />
    },
  },
  returns: {
    permission: 'documents.read',
    live: 'documents',
    render: async (d) => <ReturnsTile {...await d.returns()} />,
  },
} satisfies Record<string, TileDef>
export type TileId = keyof typeof TILES
export const isTileId = (v: string): v is TileId => v in TILES

// What each role lands on: the main column (charts, wide) and the side column (what needs
// attention). On a phone the side comes first for the site, whose day starts with it.
export interface Layout {
  main: TileId[]
  side: TileId[]
  sideFirstOnPhone?: boolean
}

const MANAGEMENT: Layout = {
  main: ['month', 'progress'],
  side: ['overdue-remarks', 'overdue-documents', 'stock-alerts', 'requests'],
}
const SITE: Layout = {
  main: ['progress'],
  side: ['today-log', 'my-remarks', 'my-week'],
  sideFirstOnPhone: true,
}

const LAYOUTS: Record<Role, Layout> = {
  admin: MANAGEMENT,
  director: MANAGEMENT,
  project_manager: MANAGEMENT,
  site_chief: SITE,
  foreman: SITE,
  pto_engineer: { main: ['document-flow', 'returns'], side: ['overdue-documents'] },
  storekeeper: { main: ['stock-alerts'], side: ['requests'] },
  inspector: { main: ['to-verify'], side: ['overdue-remarks'] },
  viewer: { main: ['progress'], side: ['overdue-remarks', 'overdue-documents'] },
}

const allowed = (user: CurrentUser) => (id: TileId) => {
  const p = (TILES[id] as TileDef).permission
  return !p || can(user, p)
}

// The user's tiles: the role's layout less what the user's permissions do not let him read.
export function layoutFor(user: CurrentUser): Layout {
  const l = LAYOUTS[user.role] ?? LAYOUTS.viewer
  return { ...l, main: l.main.filter(allowed(user)), side: l.side.filter(allowed(user)) }
}

export const tilesOf = (l: Layout) => [...l.main, ...l.side]

export const renderTile = (id: TileId, d: DashboardData) => (TILES[id] as TileDef).render(d)
export const liveOf = (id: TileId) => (TILES[id] as TileDef).live
