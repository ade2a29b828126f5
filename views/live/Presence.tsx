import { domId } from '../../src/lib/dom-id.ts'
import { initials, shortName } from '../../src/lib/format.ts'

export const presenceId = (stream: string) => domId('presence', stream.replace(/[^\w-]/g, '-'))

// Who else has this record open now.
export function Presence({
  stream,
  users,
  meId,
}: {
  stream: string
  users: { id: number; full_name: string }[]
  meId?: number
}) {
  const others = users.filter((u) => u.id !== meId)
  return (
    <div
      id={presenceId(stream)}
      class="no-print flex items-center gap-1 text-xs text-slate-600"
      aria-live="polite"
    >
      {others.length > 0 && <span>Сейчас смотрят:</span>}
      {others.map((u) => (
        <span
          class="inline-flex h-7 w-7 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-900"
          title={shortName(u.full_name)}
        >
          {initials(u.full_name)}
        </span>
      ))}
    </div>
  )
}
