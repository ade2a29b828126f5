import type { Child } from 'hono/jsx'

// The filter bar of a list: a plain GET form (works without JS, the URL reproduces the view);
// with htmx it swaps the list while typing and pushes the URL. On phones public/app.js folds
// everything but the search box behind «Фильтры» while no filter is set (data-filters).
export function FilterForm(p: { action: string; target: string; children: Child }) {
  return (
    <form
      method="get"
      action={p.action}
      class="no-print grid grid-cols-1 gap-2 sm:flex sm:flex-wrap sm:items-end"
      hx-get={p.action}
      hx-target={p.target}
      hx-trigger="input delay:300ms, submit"
      hx-swap="outerHTML"
      hx-push-url="true"
      data-filters
    >
      {p.children}
    </form>
  )
}

export function SearchBox(p: { value: string; placeholder: string }) {
  return (
    <input
      class="input sm:max-w-xs"
      type="search"
      name="q"
      value={p.value}
      placeholder={p.placeholder}
      aria-label="Поиск"
    />
  )
}
