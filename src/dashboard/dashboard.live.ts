import { registryStream } from '../documents/documents.live.tsx'
import { MAX_STREAMS_PER_SOCKET } from '../live/hub.ts'
import { remarksStream } from '../remarks/remarks.live.tsx'
import { STOCK_STREAM } from '../stock/stock.live.tsx'
import { ALL_WORKLOG } from '../worklog/worklog.live.tsx'
import type { DashboardData } from './dashboard.data.ts'
import { liveOf, type TileId } from './tiles.tsx'

// The streams the dashboard watches, from those that exist: a change on one sends the refresh
// notice that reloads the tiles marked for it (data-live-sums, -stock, -remarks, -documents).
//   'worklog'                  every project's log: the plan/fact tiles and today's lines
//   'stock'                    the warehouse: alerts and requests
//   'remarks:<p>' 'documents:<p>'  per project only, so the projects the tiles show
// A socket takes at most MAX_STREAMS_PER_SOCKET streams, the user's own (the bell) included:
// what is left is shared by the remark and document projects. A change on a project beyond
// them shows at the next load or reconnect.
export async function dashboardStreams(tiles: TileId[], d: DashboardData): Promise<string[]> {
  const kinds = new Set(tiles.map(liveOf))
  const streams: string[] = []
  if (kinds.has('sums')) streams.push(ALL_WORKLOG)
  if (kinds.has('stock')) streams.push(STOCK_STREAM)
  const remarkProjects = kinds.has('remarks') ? await remarkProjectsOf(tiles, d) : []
  const documentProjects = kinds.has('documents') ? await documentProjectsOf(tiles, d) : []
  const room = MAX_STREAMS_PER_SOCKET - 1 - streams.length
  const share = documentProjects.length ? Math.floor(room / 2) : room
  const remarksTaken = remarkProjects.slice(0, share)
  const documentsTaken = documentProjects.slice(0, room - remarksTaken.length)
  return [...streams, ...remarksTaken.map(remarksStream), ...documentsTaken.map(registryStream)]
}

const unique = (ids: number[]) => [...new Set(ids)]

async function remarkProjectsOf(tiles: TileId[], d: DashboardData) {
  const ids: number[] = []
  if (tiles.includes('my-remarks')) ids.push(...(await d.myRemarks()).rows.map((r) => r.project_id))
  if (tiles.includes('to-verify')) ids.push(...(await d.toVerify()).rows.map((r) => r.project_id))
  if (tiles.includes('overdue-remarks')) ids.push(...(await d.overdueRemarks()).map((r) => r.id))
  return unique(ids)
}

async function documentProjectsOf(tiles: TileId[], d: DashboardData) {
  const ids: number[] = []
  if (tiles.includes('returns')) ids.push(...(await d.returns()).rows.map((r) => r.project_id))
  if (tiles.includes('overdue-documents') || tiles.includes('document-flow'))
    ids.push(...(await d.overdueDocuments()).map((r) => r.id))
  return unique(ids)
}
