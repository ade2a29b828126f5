import type { CurrentUser } from '../../src/auth/current-user.ts'
import type { LockInfo } from '../../src/live/locks.ts'
import { formatTime, shortName } from '../../src/lib/format.ts'

export interface LockSlotProps {
  baseId: string // e.g. 'project-12'
  lock: LockInfo | null
  me: CurrentUser
  canEdit: boolean
  canBreak: boolean
  editHref: string
  breakAction: string
}

const heldBy = (lock: LockInfo) =>
  `Редактирует ${shortName(lock.full_name)} с ${formatTime(lock.acquired_at)}`

function BreakButton({ action }: { action: string }) {
  return (
    // hx-push-url: the live swap may replace this form while its request is on the way, and
    // htmx would then not know the request was boosted and keep the old address.
    <form method="post" action={action} class="inline" hx-push-url="true">
      <button class="btn" type="submit" title="Снять чужую блокировку">
        Снять блокировку
      </button>
    </form>
  )
}

// On a record's page: the edit button, or who holds the record and since when.
export function LockSlot(p: LockSlotProps) {
  const other = p.lock && p.lock.user_id !== p.me.id ? p.lock : null
  return (
    <div id={`${p.baseId}-lock`} class="no-print flex flex-wrap items-center gap-2">
      {other && (
        <span class="rounded bg-amber-100 px-2 py-1 text-sm text-amber-900" role="status">
          {heldBy(other)}
        </span>
      )}
      {p.canEdit &&
        (other ? (
          <button class="btn" type="button" disabled>
            Изменить
          </button>
        ) : (
          <a class="btn" href={p.editHref} hx-push-url="true">
            Изменить
          </a>
        ))}
      {other && p.canBreak && <BreakButton action={p.breakAction} />}
    </div>
  )
}

// On the edit form: what the lock means for this editor right now.
export function EditLockNotice(p: LockSlotProps) {
  const mine = p.lock?.user_id === p.me.id
  const other = p.lock && !mine ? p.lock : null
  return (
    <div id={`${p.baseId}-lock-edit`} class="no-print" role="status">
      {mine && (
        <p class="rounded bg-green-50 px-3 py-2 text-sm text-green-900">
          Вы редактируете эту запись — другие пользователи видят, что она занята.
        </p>
      )}
      {other && (
        <div class="flex flex-wrap items-center gap-2 rounded bg-amber-100 px-3 py-2 text-amber-900">
          <span>{heldBy(other)}. Форма открыта только для чтения.</span>
          {p.canBreak && <BreakButton action={p.breakAction} />}
        </div>
      )}
      {!p.lock && (
        <p class="rounded bg-amber-100 px-3 py-2 text-sm text-amber-900">
          Блокировка редактирования снята (её снял руководитель или истекло время). Сохранить можно:
          если запись успели изменить, вы увидите сравнение, и ничего не потеряется.
        </p>
      )}
    </div>
  )
}
