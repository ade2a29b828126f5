import type { Child } from 'hono/jsx'
import type { DocumentQuery } from '../../src/documents/documents.schema.ts'
import { DocumentFilters, StateCounts } from './DocumentFilters.tsx'
import { DocumentList, type DocumentListProps } from './DocumentList.tsx'

// Export what the filters show: the same query, posted (it starts a job).
function ExportButton({ query }: { query: URLSearchParams }) {
  return (
    <form method="post" action="/documents/export" hx-disabled-elt="find button[type=submit]">
      {[...query.entries()]
        .filter(([k]) => k !== 'after')
        .map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
      <button class="btn" type="submit">
        Выгрузить в Excel
      </button>
    </form>
  )
}

// The registry: one project's (with selection for acts and returns) or across projects.
export function DocumentsPage(p: {
  title: string
  subtitle?: Child
  base: string
  q: DocumentQuery
  counts: Record<string, number>
  list: DocumentListProps
  types: { id: number; short_name: string; name: string }[]
  projects?: { id: number; code: string; short_name: string }[]
  actions?: Child
  selection?: { projectId: number }
}) {
  return (
    <div class="space-y-3" data-print="wide">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 class="text-2xl font-semibold">{p.title}</h1>
          {p.subtitle}
        </div>
        <div class="no-print flex flex-wrap gap-2">
          <ExportButton query={p.list.query} />
          {p.actions}
        </div>
      </div>
      <StateCounts counts={p.counts} base={p.base} q={p.list.query} current={p.q.state} />
      <DocumentFilters action={p.base} q={p.q} types={p.types} projects={p.projects} />
      {p.selection && p.list.rows.length > 0 && (
        <form
          id="documents-selection"
          method="get"
          class="no-print flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white p-2 text-sm"
        >
          <span class="text-slate-600">Отмеченные документы:</span>
          <button
            class="btn"
            type="submit"
            formaction={`/projects/${p.selection.projectId}/transmittals/new`}
          >
            Отправить актом передачи
          </button>
          <button
            class="btn"
            type="submit"
            formaction={`/projects/${p.selection.projectId}/documents/returns`}
          >
            Зарегистрировать возврат
          </button>
        </form>
      )}
      <DocumentList {...p.list} />
    </div>
  )
}
