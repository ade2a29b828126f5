import type { ByProject, ReturnItem } from '../../src/dashboard/dashboard.queries.ts'
import { countOf as count } from '../../src/lib/format.ts'
import { CONDITIONS } from '../../src/documents/documents.schema.ts'
import type { DocumentState } from '../../src/documents/documents.table.ts'
import { formatDate, formatNumber } from '../../src/lib/format.ts'
import { ByProjectList, SHOWN_PROJECTS } from './ByProjectList.tsx'
import { Empty, More, Tile } from './Tile.tsx'

const documents = (n: number) => count(n, 'документ', 'документа', 'документов')
const projects = (n: number) => count(n, 'проект', 'проекта', 'проектов')
const days = (n: number) => count(n, 'день', 'дня', 'дней')

// Documents at the customer past the deadline, by project.
export function OverdueDocumentsTile(p: { rows: ByProject[]; overdueDays: number }) {
  const total = p.rows.reduce((a, r) => a + r.n, 0)
  const href = '/documents?overdue=1'
  return (
    <Tile
      id="overdue-documents"
      title="Документы у заказчика сверх срока"
      href={href}
      live="documents"
      count={total}
      countLabel={documents(total)}
      alert
    >
      {total === 0 ? (
        <Empty>Просроченных документов у заказчика нет.</Empty>
      ) : (
        <>
          <p class="mb-1 text-xs text-slate-600">
            Отправлены и не возвращены дольше {days(p.overdueDays)}.
          </p>
          <ByProjectList rows={p.rows} href={(id) => `${href}&project=${id}`} />
          {p.rows.length > SHOWN_PROJECTS && (
            <More href={href}>ещё {projects(p.rows.length - SHOWN_PROJECTS)}</More>
          )}
        </>
      )}
    </Tile>
  )
}

// Where the documents are (the registry's states, said of many).
const STATES: [DocumentState, string, string][] = [
  ['in_office', 'В офисе', 'border-slate-300'],
  ['shipped', 'У заказчика', 'border-blue-400'],
  ['returned', 'Возвращены', 'border-green-500'],
]

// The document flow of the ПТО: how many documents are where, and how many are overdue.
export function DocumentFlowTile(p: { counts: Record<DocumentState, number>; overdue: number }) {
  const total = p.counts.in_office + p.counts.shipped + p.counts.returned
  return (
    <Tile id="document-flow" title="Документооборот ИД" href="/documents" live="documents">
      {total === 0 ? (
        <Empty>Документов пока нет.</Empty>
      ) : (
        <ul class="grid grid-cols-2 sm:grid-cols-4">
          {STATES.map(([s, label, color]) => (
            <li class={`m-1 border-l-4 pl-2 ${color}`} data-state={s}>
              <a class="block hover:bg-slate-50" href={`/documents?state=${s}`}>
                <span
                  class="block text-2xl font-bold tabular-nums"
                  data-count={String(p.counts[s])}
                >
                  {formatNumber(p.counts[s])}
                </span>
                <span class="text-sm text-blue-700 underline">{label}</span>
              </a>
            </li>
          ))}
          <li class="m-1 border-l-4 border-red-500 pl-2" data-state="overdue">
            <a class="block hover:bg-slate-50" href="/documents?overdue=1">
              <span
                class={`block text-2xl font-bold tabular-nums ${p.overdue ? 'text-red-700' : ''}`}
                data-count={String(p.overdue)}
              >
                {formatNumber(p.overdue)}
              </span>
              <span class="text-sm text-blue-700 underline">Просрочены у заказчика</span>
            </a>
          </li>
        </ul>
      )}
    </Tile>
  )
}

const CONDITION_COLORS: Record<string, string> = {
  signed: 'bg-green-100 text-green-900',
  remarks: 'bg-amber-100 text-amber-900',
  unsigned: 'bg-red-100 text-red-900',
}

// The latest documents back from the customer, with what came back.
export function ReturnsTile(p: { rows: ReturnItem[]; total: number }) {
  const href = '/documents?state=returned'
  return (
    <Tile
      id="returns"
      title="Последние возвраты"
      href={href}
      live="documents"
      count={p.total}
      countLabel={`возвращено: ${documents(p.total)}`}
    >
      {p.total === 0 ? (
        <Empty>Возвратов пока нет.</Empty>
      ) : (
        <ul class="divide-y divide-slate-100">
          {p.rows.map((d) => (
            <li class="py-2" data-document={String(d.id)}>
              <a class="link font-medium" href={`/documents/${d.id}`}>
                {d.type_short} № {d.number}
              </a>{' '}
              <span class="text-slate-800">{d.title}</span>
              <div class="mt-1 flex flex-wrap items-center text-xs text-slate-600">
                <span class="mr-2 font-mono">{d.project_code}</span>
                <span class="mr-2">возвращён {formatDate(d.returned_on)}</span>
                {d.condition && d.condition in CONDITIONS && (
                  <span class={`rounded px-2 py-0.5 ${CONDITION_COLORS[d.condition] ?? ''}`}>
                    {CONDITIONS[d.condition as keyof typeof CONDITIONS]}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  )
}
