import type { Child } from 'hono/jsx'
import { domId } from '../../src/lib/dom-id.ts'
import { formatNumber } from '../../src/lib/format.ts'

// Which live notice reloads a tile: the work log's sums, the warehouse, a project's remarks
// or documents (src/dashboard/dashboard.live.ts).
export type LiveKind = 'sums' | 'stock' | 'remarks' | 'documents'

export const tileUrl = (id: string) => `/dashboard/tiles/${id}`

// One tile of the dashboard: a heading that links to the list behind it, the number that
// matters, and its own data-resync URL, so a live notice or a reconnect reloads just this tile.
export function Tile(p: {
  id: string
  title: string
  href: string
  live?: LiveKind
  count?: number
  unit?: string // after the count: «32,3 ч»
  countLabel?: string // «6 замечаний», for screen readers and the hover
  alert?: boolean // a non-zero count is bad news (red)
  children: Child
}) {
  const id = domId('tile', p.id)
  const live = p.live ? { [`data-live-${p.live}`]: '' } : {}
  return (
    <section
      id={id}
      class="card break-inside-avoid"
      aria-labelledby={`${id}-h`}
      data-resync={tileUrl(p.id)}
      {...live}
    >
      <div class="mb-3 flex items-start justify-between">
        <h2 id={`${id}-h`} class="mr-2 text-base font-semibold leading-6">
          <a
            class="text-slate-900 underline decoration-slate-300 hover:text-blue-800"
            href={p.href}
          >
            {p.title}
          </a>
        </h2>
        {p.count !== undefined && (
          <span
            class={`text-2xl font-bold leading-6 tabular-nums ${
              p.alert && p.count > 0 ? 'text-red-700' : 'text-slate-900'
            }`}
            data-count={String(p.count)}
            title={p.countLabel}
          >
            <span aria-hidden="true">
              {formatNumber(p.count)}
              {p.unit && <span class="ml-1 text-base font-semibold">{p.unit}</span>}
            </span>
            <span class="sr-only">{p.countLabel ?? formatNumber(p.count)}</span>
          </span>
        )}
      </div>
      {p.children}
    </section>
  )
}

// What a tile says when it has nothing to show.
export const Empty = (p: { children: Child }) => <p class="text-slate-600">{p.children}</p>

// «ещё 5 проектов» under a shortened list, to the whole list.
export const More = (p: { href: string; children: Child }) => (
  <p class="mt-2 text-sm">
    <a class="link" href={p.href}>
      {p.children}
    </a>
  </p>
)
