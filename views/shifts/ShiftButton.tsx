import { moscowToday } from '../../src/documents/state.ts'
import { formatDateTime, formatTime } from '../../src/lib/format.ts'

const since = (iso: string) =>
  moscowToday(new Date(iso)) === moscowToday() ? formatTime(iso) : formatDateTime(iso)

// «Начать смену» / «Завершить смену» in the header of every page: a plain form that returns
// to the page it was sent from. On a phone it is a strip of its own under the header's row
// (`bar`): the row has no room left.
export function ShiftButton(p: { startedAt: string | null; back: string; bar?: boolean }) {
  const open = !!p.startedAt
  return (
    <form
      method="post"
      action={open ? '/shifts/end' : '/shifts/start'}
      class={
        p.bar
          ? 'flex items-center justify-between gap-2 border-t border-slate-700 py-1 sm:hidden'
          : 'hidden items-center gap-2 sm:flex'
      }
    >
      <input type="hidden" name="back" value={p.back} />
      <a
        href="/shifts"
        class={`whitespace-nowrap text-slate-300 hover:underline ${p.bar ? '' : 'hidden md:inline'}`}
        title="Мой табель"
      >
        {p.startedAt ? `смена с ${since(p.startedAt)}` : p.bar ? 'Смена не начата' : 'Табель'}
      </a>
      <button
        type="submit"
        class={`whitespace-nowrap rounded px-2 py-1 ${
          open ? 'bg-amber-600 hover:bg-amber-700' : 'bg-emerald-700 hover:bg-emerald-800'
        }`}
      >
        {open ? 'Завершить смену' : 'Начать смену'}
      </button>
    </form>
  )
}
