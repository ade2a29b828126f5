import type { FieldChange } from '../../src/audit/audit.diff.ts'

const SHORT = 80

// A long value shows its start; the whole of it opens below (details/summary: no script).
function Value({ text, kind }: { text: string; kind: 'old' | 'new' }) {
  const Tag = kind === 'old' ? 'del' : 'ins'
  const cls =
    kind === 'old'
      ? 'rounded bg-red-50 px-1 text-red-800 line-through'
      : 'rounded bg-green-50 px-1 font-medium text-green-900 no-underline'
  if (text.length <= SHORT)
    return (
      <Tag class={`${cls} break-words`} data-audit={kind}>
        {text}
      </Tag>
    )
  return (
    <details class="inline-block max-w-full align-top" data-audit={kind}>
      <summary class="cursor-pointer">
        <Tag class={`${cls} break-words`}>{text.slice(0, SHORT)}…</Tag>
      </summary>
      <Tag
        class={`${cls} mt-1 block max-h-96 overflow-auto whitespace-pre-wrap break-all text-xs`}
        data-full
      >
        {text}
      </Tag>
    </details>
  )
}

// Changed fields only: the old value struck through, the new one highlighted.
export function AuditDiff({ changes }: { changes: FieldChange[] }) {
  if (!changes.length) return <span class="text-slate-400">—</span>
  return (
    <dl class="grid grid-cols-[minmax(6rem,auto)_minmax(0,1fr)] gap-x-2 gap-y-1 text-sm">
      {changes.map((c) => (
        <>
          <dt class="text-slate-500" title={c.key || undefined}>
            {c.label}
          </dt>
          <dd class="min-w-0 space-x-1">
            {c.before !== undefined && <Value text={c.before} kind="old" />}
            {c.before !== undefined && c.after !== undefined && (
              <span class="text-slate-400" aria-hidden="true">
                →
              </span>
            )}
            {c.after !== undefined && <Value text={c.after} kind="new" />}
          </dd>
        </>
      ))}
    </dl>
  )
}
