import type { Child } from 'hono/jsx'

// What a list shows instead of rows. With no rows at all it says what the section is for and,
// for someone allowed to, offers to create the first record; with filters that match nothing it
// offers to reset them.
export function EmptyState(p: {
  title: string // «Замечаний пока нет»
  hint?: Child // what the section is for
  create?: { href: string; label: string } | false // only when the user may create
  children?: Child // other actions (an upload form, a link elsewhere)
}) {
  return (
    <div class="card text-center" data-empty="none">
      <p class="text-lg font-medium text-slate-800">{p.title}</p>
      {p.hint && <p class="mx-auto mt-1 max-w-prose text-sm text-slate-600">{p.hint}</p>}
      {(p.create || p.children) && (
        <div class="no-print mt-3 flex flex-wrap justify-center gap-2">
          {p.create && (
            <a class="btn btn-primary" href={p.create.href}>
              {p.create.label}
            </a>
          )}
          {p.children}
        </div>
      )}
    </div>
  )
}

export function NothingFound(p: { reset: string; lead?: string }) {
  return (
    <div class="card text-center" data-empty="filtered">
      <p class="text-lg font-medium text-slate-800">Ничего не найдено</p>
      <p class="mt-1 text-sm text-slate-600">
        {p.lead ?? 'Под выбранные условия не подходит ни одна запись.'} Измените условия поиска или
        сбросьте фильтры.
      </p>
      <a class="btn no-print mt-3" href={p.reset}>
        Сбросить фильтры
      </a>
    </div>
  )
}

// Query parameters that narrow a list (not paging or sorting; `ignore` names the view's own
// scope, such as the project of a project's registry).
const NOT_FILTERS = new Set(['after', 'sort'])
export function isFiltered(query: URLSearchParams, ignore: string[] = []) {
  for (const [k, v] of query) if (v && !NOT_FILTERS.has(k) && !ignore.includes(k)) return true
  return false
}

// Shown while an htmx request of the enclosing element (or the one naming it in hx-indicator)
// runs; takes no room otherwise. Without JavaScript it stays hidden: the hiding is ours, not
// htmx's injected style.
export function Busy(p: { id?: string; label?: string }) {
  return (
    <span
      id={p.id}
      class="busy pointer-events-none hidden items-center self-center text-sm text-slate-600 [&.htmx-request]:inline-flex [.htmx-request_&]:inline-flex"
      aria-hidden="true"
    >
      <span class="mr-1 inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-700 motion-reduce:animate-none"></span>
      {p.label ?? 'Загрузка…'}
    </span>
  )
}

// Attributes for a submit-driven htmx or boosted form: the button is disabled while the request
// runs, so a double click cannot post twice.
export const noDoubleSubmit = { 'hx-disabled-elt': 'find button[type=submit]' } as const

// The empty state as the only row of a list's body: a row pushed live into the body (a record
// created elsewhere) hides it, since it is then no longer the only child. The row itself has no
// frame, so a phone's card layout of rows does not draw a second one around the state's card.
export function EmptyRow(p: { cols: number; children: Child }) {
  return (
    <tr class="!border-0 !bg-transparent !p-0 [&:not(:only-child)]:hidden" data-empty-row>
      <td colspan={p.cols} class="!border-0 !p-0">
        {p.children}
      </td>
    </tr>
  )
}
