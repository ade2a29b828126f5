import type { RemarkRow } from '../../src/remarks/remarks.queries.ts'
import { PRIORITIES, STATUSES } from '../../src/remarks/remarks.schema.ts'
import type { RemarkPriority, RemarkStatus } from '../../src/remarks/remarks.table.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDate, shortName } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyRow, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'

const STATUS_COLORS: Record<RemarkStatus, string> = {
  new: 'bg-amber-100 text-amber-900',
  in_progress: 'bg-blue-100 text-blue-900',
  fixed: 'bg-violet-100 text-violet-900',
  verified: 'bg-teal-100 text-teal-900',
  closed: 'bg-green-100 text-green-900',
  rejected: 'bg-slate-200 text-slate-700',
}
const PRIORITY_COLORS: Record<RemarkPriority, string> = {
  low: 'text-slate-600',
  normal: 'text-slate-800',
  high: 'text-orange-700 font-semibold',
  critical: 'text-red-700 font-bold',
}

export const RemarkStatusBadge = ({ status }: { status: RemarkStatus }) => (
  <span class={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_COLORS[status]}`}>
    {STATUSES[status]}
  </span>
)

export const assigneeName = (r: Pick<RemarkRow, 'assignee_full_name' | 'assignee_name'>) =>
  r.assignee_full_name ? shortName(r.assignee_full_name) : (r.assignee_name ?? '')

export function RemarkRowView({
  r,
  overdue,
  showProject,
  fresh,
}: {
  r: RemarkRow
  overdue: boolean
  showProject: boolean
  fresh?: boolean
}) {
  return (
    <tr
      id={domId('remark', r.id)}
      class={overdue ? 'bg-red-50' : fresh ? 'bg-yellow-50' : undefined}
    >
      <td data-label="Номер" class="whitespace-nowrap">
        <a class="link" href={`/remarks/${r.id}`}>
          {r.number}
        </a>
      </td>
      {showProject && (
        <td data-label="Проект" class="font-mono text-xs">
          {r.project_code}
        </td>
      )}
      <td data-label="Замечание">
        {r.title}
        {r.location && <div class="text-xs text-slate-600">{r.location}</div>}
      </td>
      <td data-label="Приоритет" class={PRIORITY_COLORS[r.priority]}>
        {PRIORITIES[r.priority]}
      </td>
      <td data-label="Статус">
        <RemarkStatusBadge status={r.status} />
      </td>
      <td data-label="Исполнитель">{assigneeName(r)}</td>
      <td
        data-label="Срок"
        class={`whitespace-nowrap ${overdue ? 'font-semibold text-red-700' : ''}`}
      >
        {formatDate(r.deadline)}
        {overdue && ' — просрочено'}
      </td>
    </tr>
  )
}

export interface RemarkListProps {
  rows: RemarkRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
  today: string
  showProject: boolean
  base: string // the list's address without filters (the reset link)
  createHref?: string // a project's «new remark» form, for a user who may register one
}

function NoRemarks(p: RemarkListProps) {
  if (isFiltered(p.query, ['project'])) return <NothingFound reset={p.base} />
  return (
    <EmptyState
      title={p.createHref ? 'Замечаний пока нет — зарегистрируйте первое' : 'Замечаний пока нет'}
      hint="Здесь собираются замечания строительного контроля: номер, суть, место, срок, фото «до» и «после» и вся история исправления."
      create={!!p.createHref && { href: p.createHref, label: '+ Зарегистрировать замечание' }}
    />
  )
}

export function RemarkList(p: RemarkListProps) {
  const overdue = (r: RemarkRow) =>
    ['new', 'in_progress', 'fixed', 'verified'].includes(r.status) &&
    !!r.deadline &&
    r.deadline < p.today
  return (
    <div id="remarks-list" data-resync={p.resyncUrl} hx-indicator="#remarks-busy">
      <div class="overflow-x-auto">
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              <th>Номер</th>
              {p.showProject && <th>Проект</th>}
              <th>Замечание</th>
              <th>Приоритет</th>
              <th>Статус</th>
              <th>Исполнитель</th>
              <th>Срок</th>
            </tr>
          </thead>
          <tbody id="remarks-rows">
            {p.rows.length === 0 ? (
              <EmptyRow cols={p.showProject ? 7 : 6}>
                <NoRemarks {...p} />
              </EmptyRow>
            ) : (
              p.rows.map((r) => (
                <RemarkRowView r={r} overdue={overdue(r)} showProject={p.showProject} />
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager baseQuery={p.query} next={p.next} target="#remarks-list" isFirst={p.isFirst} />
      <Busy id="remarks-busy" />
    </div>
  )
}
