import { countOf } from '../../src/lib/format.ts'

// The bell in the header: the same markup on every page and in live pushes (id
// notifications-bell). A red badge shows the unread count when there is any.
export const BELL_ID = 'notifications-bell'

export const bellLabel = (unread: number) =>
  unread === 0
    ? 'Уведомления: нет непрочитанных'
    : `Уведомления: ${countOf(unread, 'непрочитанное', 'непрочитанных', 'непрочитанных')}`

export function Bell({ unread }: { unread: number }) {
  const n = Math.max(0, Math.floor(unread))
  return (
    <a
      id={BELL_ID}
      href="/notifications"
      class="relative inline-flex min-h-[40px] min-w-[40px] items-center justify-center rounded hover:bg-slate-700"
      aria-label={bellLabel(n)}
      title={bellLabel(n)}
      data-resync="/notifications/bell"
      data-unread={String(n)}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="22"
        height="22"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {n > 0 && (
        <span
          aria-hidden="true"
          class="absolute right-0 top-0 min-w-[18px] rounded-full bg-red-600 px-1 text-center text-xs font-bold leading-[18px] text-white"
        >
          {n > 99 ? '99+' : n}
        </span>
      )}
    </a>
  )
}
