// The tabs between the pages of one section (admin, reference, warehouse): links, the
// current one marked for the eye and for screen readers.
export function Tabs<K extends string>(p: {
  label: string
  current: K
  tabs: readonly (readonly [K, string, string])[] // key, href, label
}) {
  return (
    <nav class="no-print mb-3 flex flex-wrap gap-1 border-b border-slate-200" aria-label={p.label}>
      {p.tabs.map(([key, href, label]) => (
        <a
          href={href}
          class={`-mb-px rounded-t border px-3 py-2 text-sm ${
            key === p.current
              ? 'border-slate-200 border-b-white bg-white font-semibold'
              : 'border-transparent text-slate-600 hover:text-slate-900'
          }`}
          aria-current={key === p.current ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  )
}
