// The tabs between the pages of one section (admin, reference, warehouse): links, the
// current one marked for the eye and for screen readers. On a phone they wrap onto several rows
// and read as chips; from `sm` up they are tabs on a line.
export function Tabs<K extends string>(p: {
  label: string
  current: K
  tabs: readonly (readonly [K, string, string])[] // key, href, label
}) {
  return (
    <nav
      class="no-print mb-3 flex flex-wrap gap-1 sm:border-b sm:border-slate-200"
      aria-label={p.label}
    >
      {p.tabs.map(([key, href, label]) => (
        <a
          href={href}
          class={`rounded border px-3 py-2 text-sm sm:-mb-px sm:rounded-b-none ${
            key === p.current
              ? 'border-slate-400 bg-white font-semibold sm:border-slate-200 sm:border-b-white'
              : 'border-slate-200 text-slate-600 hover:text-slate-900 sm:border-transparent'
          }`}
          aria-current={key === p.current ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  )
}
