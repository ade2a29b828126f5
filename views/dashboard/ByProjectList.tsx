import type { ByProject } from '../../src/dashboard/dashboard.queries.ts'
import { formatNumber } from '../../src/lib/format.ts'

export const SHOWN_PROJECTS = 8

// Counts per project, the largest first, each to the list filtered to that project.
export function ByProjectList(p: { rows: ByProject[]; href: (projectId: number) => string }) {
  return (
    <ul class="divide-y divide-slate-100">
      {p.rows.slice(0, SHOWN_PROJECTS).map((r) => (
        <li class="py-1" data-project={String(r.id)} data-n={String(r.n)}>
          <a class="flex items-center justify-between py-1 hover:bg-slate-50" href={p.href(r.id)}>
            <span class="mr-2 min-w-0 truncate">
              <span class="font-mono text-xs text-slate-600">{r.code}</span>{' '}
              <span class="text-blue-700 underline">{r.name}</span>
            </span>
            <span class="rounded bg-red-50 px-2 font-semibold tabular-nums text-red-800">
              {formatNumber(r.n)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
