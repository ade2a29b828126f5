import type { ByProject, RemarkItem } from '../../src/dashboard/dashboard.queries.ts'
import { countOf as count } from '../../src/lib/format.ts'
import { formatDate } from '../../src/lib/format.ts'
import { RemarkStatusBadge } from '../remarks/RemarkList.tsx'
import { ByProjectList, SHOWN_PROJECTS } from './ByProjectList.tsx'
import { Empty, More, Tile } from './Tile.tsx'

const remarks = (n: number) => count(n, 'замечание', 'замечания', 'замечаний')
const projects = (n: number) => count(n, 'проект', 'проекта', 'проектов')

// Open remarks past their deadline, by project.
export function OverdueRemarksTile({ rows }: { rows: ByProject[] }) {
  const total = rows.reduce((a, r) => a + r.n, 0)
  const href = '/remarks?overdue=1'
  return (
    <Tile
      id="overdue-remarks"
      title="Просроченные замечания"
      href={href}
      live="remarks"
      count={total}
      countLabel={remarks(total)}
      alert
    >
      {total === 0 ? (
        <Empty>Просроченных замечаний нет.</Empty>
      ) : (
        <>
          <ByProjectList rows={rows} href={(id) => `${href}&project=${id}`} />
          {rows.length > SHOWN_PROJECTS && (
            <More href={href}>ещё {projects(rows.length - SHOWN_PROJECTS)}</More>
          )}
        </>
      )}
    </Tile>
  )
}

function RemarkItems(p: { rows: RemarkItem[]; today: string }) {
  return (
    <ul class="divide-y divide-slate-100">
      {p.rows.map((r) => {
        const overdue = !!r.deadline && r.deadline < p.today
        return (
          <li class="py-2" data-remark={String(r.id)}>
            <a class="link font-medium" href={`/remarks/${r.id}`}>
              {r.number}
            </a>{' '}
            <span class="text-slate-800">{r.title}</span>
            <div class="mt-1 flex flex-wrap items-center text-xs text-slate-600">
              <span class="mr-2">
                <RemarkStatusBadge status={r.status} />
              </span>
              <span class="mr-2 font-mono">{r.project_code}</span>
              {r.deadline && (
                <span class={overdue ? 'font-semibold text-red-700' : ''}>
                  срок {formatDate(r.deadline)}
                  {overdue && ' — просрочено'}
                </span>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}

// The open remarks assigned to the user, the nearest deadline first.
export function MyRemarksTile(p: { rows: RemarkItem[]; total: number; today: string }) {
  const href = '/remarks?mine=1&status=open'
  return (
    <Tile
      id="my-remarks"
      title="Мои замечания"
      href={href}
      live="remarks"
      count={p.total}
      countLabel={remarks(p.total)}
    >
      {p.total === 0 ? (
        <Empty>Открытых замечаний на вас нет.</Empty>
      ) : (
        <>
          <RemarkItems rows={p.rows} today={p.today} />
          {p.total > p.rows.length && <More href={href}>все {remarks(p.total)}</More>}
        </>
      )}
    </Tile>
  )
}

// For construction control: remarks the contractor marked fixed, waiting for a check.
export function ToVerifyTile(p: { rows: RemarkItem[]; total: number; today: string }) {
  const href = '/remarks?status=fixed'
  return (
    <Tile
      id="to-verify"
      title="Ждут проверки"
      href={href}
      live="remarks"
      count={p.total}
      countLabel={remarks(p.total)}
    >
      {p.total === 0 ? (
        <Empty>Замечаний, ждущих проверки, нет.</Empty>
      ) : (
        <>
          <RemarkItems rows={p.rows} today={p.today} />
          {p.total > p.rows.length && <More href={href}>все {remarks(p.total)}</More>}
        </>
      )}
    </Tile>
  )
}
