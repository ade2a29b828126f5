import type { DocumentListRow } from '../../src/documents/documents.queries.ts'
import { DOCUMENT_STATES } from '../../src/documents/documents.schema.ts'
import type { DocumentState } from '../../src/documents/documents.table.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDate } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyRow, EmptyState, isFiltered, NothingFound } from '../components/ListStates.tsx'

const STATE_COLORS: Record<DocumentState, string> = {
  in_office: 'bg-slate-100 text-slate-800',
  shipped: 'bg-blue-100 text-blue-900',
  returned: 'bg-green-100 text-green-900',
}

export function StateBadge({ state, overdue }: { state: DocumentState; overdue?: boolean }) {
  return (
    <span
      class={`inline-block rounded px-2 py-0.5 text-xs font-medium ${overdue ? 'bg-red-100 text-red-900' : STATE_COLORS[state]}`}
    >
      {DOCUMENT_STATES[state]}
      {overdue && ' — просрочен'}
    </span>
  )
}

export interface RowOpts {
  selectable: boolean // checkboxes for acts and bulk returns (project registry, may write)
  showProject: boolean // the cross-project search
  isOverdue: (d: DocumentListRow) => boolean
}

export function DocumentRow({ d, o, fresh }: { d: DocumentListRow; o: RowOpts; fresh?: boolean }) {
  const overdue = o.isOverdue(d)
  return (
    <tr
      id={domId('document', d.id)}
      class={overdue ? 'bg-red-50' : fresh ? 'bg-yellow-50' : undefined}
    >
      {o.selectable && (
        <td class="no-print">
          <input
            type="checkbox"
            name="doc"
            value={String(d.id)}
            form="documents-selection"
            aria-label={`Выбрать № ${d.number}`}
            class="h-5 w-5"
          />
        </td>
      )}
      {o.showProject && (
        <td data-label="Проект" class="whitespace-nowrap font-mono text-xs">
          <a class="link" href={`/projects/${d.project_id}/documents`}>
            {d.project_code}
          </a>
        </td>
      )}
      <td data-label="Номер" class="whitespace-nowrap">
        <a class="link" href={`/documents/${d.id}`}>
          {d.number}
        </a>
      </td>
      <td data-label="Тип" title={d.type_name}>
        {d.type_short}
      </td>
      <td data-label="Наименование">{d.title}</td>
      <td data-label="Дата" class="whitespace-nowrap">
        {formatDate(d.doc_date)}
      </td>
      <td data-label="Состояние">
        <StateBadge state={d.state} overdue={overdue} />
        {d.state === 'shipped' && (
          <div class="text-xs text-slate-600">
            {d.recipient}, с {formatDate(d.shipped_on)}
          </div>
        )}
        {d.state === 'returned' && (
          <div class="text-xs text-slate-600">{formatDate(d.returned_on)}</div>
        )}
      </td>
    </tr>
  )
}

export interface DocumentListProps {
  rows: DocumentListRow[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
  resyncUrl: string
  o: RowOpts
  createHref?: string // a project's registry, for someone who may add documents
}

function NoDocuments(p: DocumentListProps) {
  const base = p.resyncUrl.split('?')[0]!
  const inProject = !p.o.showProject
  if (isFiltered(p.query, inProject ? ['project'] : []))
    return <NothingFound reset={base} lead="Документы не найдены." />
  return (
    <EmptyState
      title="Документов пока нет"
      hint={
        inProject
          ? 'Здесь ведётся реестр исполнительной документации проекта: АОСР, исполнительные схемы, акты, протоколы — и их передача заказчику.'
          : 'Здесь собраны исполнительные документы всех доступных вам проектов. Документы добавляются в реестре проекта.'
      }
      create={!!p.createHref && { href: p.createHref, label: '+ Добавить первый документ' }}
    >
      {!inProject && (
        <a class="btn" href="/projects">
          К проектам
        </a>
      )}
    </EmptyState>
  )
}

export function DocumentList(p: DocumentListProps) {
  const cols = 5 + (p.o.selectable ? 1 : 0) + (p.o.showProject ? 1 : 0)
  return (
    <div id="documents-list" data-resync={p.resyncUrl} hx-indicator="#documents-busy">
      <div class="overflow-x-auto">
        <table class="table table-cards bg-white">
          <thead>
            <tr>
              {p.o.selectable && <th class="no-print"></th>}
              {p.o.showProject && <th>Проект</th>}
              <th>Номер</th>
              <th>Тип</th>
              <th>Наименование</th>
              <th>Дата</th>
              <th>Состояние</th>
            </tr>
          </thead>
          <tbody id="documents-rows">
            {p.rows.length === 0 ? (
              <EmptyRow cols={cols}>
                <NoDocuments {...p} />
              </EmptyRow>
            ) : (
              p.rows.map((d) => <DocumentRow d={d} o={p.o} />)
            )}
          </tbody>
        </table>
      </div>
      <Pager baseQuery={p.query} next={p.next} target="#documents-list" isFirst={p.isFirst} />
      <Busy id="documents-busy" />
    </div>
  )
}
