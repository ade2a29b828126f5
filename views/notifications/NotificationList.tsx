import type { Notification } from '../../src/notifications/notifications.table.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { Pager } from '../layout/Pager.tsx'
import { Busy, EmptyState } from '../components/ListStates.tsx'

export interface NotificationListProps {
  rows: Notification[]
  next: string | null
  query: URLSearchParams
  isFirst: boolean
}

// One notification: a form button, so a click marks it read and opens its page without JS.
export function NotificationItem({ n }: { n: Notification }) {
  const unread = !n.read_at
  return (
    <li id={domId('notification', n.id)} data-unread={unread ? 'true' : 'false'}>
      <form method="post" action={`/notifications/${n.id}/read`}>
        <button
          type="submit"
          class={`block w-full rounded border px-3 py-2 text-left hover:bg-slate-100 ${
            unread ? 'border-blue-300 bg-blue-50' : 'border-slate-200 bg-white'
          }`}
        >
          <span class="flex items-baseline justify-between gap-2">
            <span class={unread ? 'font-semibold text-slate-900' : 'text-slate-800'}>
              {unread && (
                <span
                  class="mr-2 inline-block h-2 w-2 rounded-full bg-red-600 align-middle"
                  aria-hidden="true"
                ></span>
              )}
              {unread && <span class="sr-only">Новое: </span>}
              {n.title}
            </span>
            <time class="whitespace-nowrap text-xs text-slate-500" datetime={n.created_at}>
              {formatDateTime(n.created_at)}
            </time>
          </span>
          {n.body && <span class="mt-1 block text-sm text-slate-700">{n.body}</span>}
        </button>
      </form>
    </li>
  )
}

export function NotificationList(p: NotificationListProps) {
  return (
    <section
      id="notifications-list"
      aria-label="Список уведомлений"
      hx-indicator="#notifications-busy"
    >
      {p.rows.length ? (
        <ul class="space-y-2">
          {p.rows.map((n) => (
            <NotificationItem n={n} />
          ))}
        </ul>
      ) : (
        <EmptyState
          title={p.isFirst ? 'Уведомлений пока нет' : 'Больше уведомлений нет'}
          hint={
            p.isFirst &&
            'Сюда приходит то, что ждёт вас: назначенные замечания, заявки на материал, завершённые выгрузки.'
          }
        />
      )}
      <Pager baseQuery={p.query} next={p.next} target="#notifications-list" isFirst={p.isFirst} />
      <Busy id="notifications-busy" />
    </section>
  )
}

export function NotificationsPage(p: { unread: number; list: NotificationListProps }) {
  return (
    <div class="mx-auto max-w-3xl space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">Уведомления</h1>
        {p.unread > 0 && (
          <form method="post" action="/notifications/read-all" hx-disabled-elt="find button">
            <button class="btn" type="submit">
              Отметить все как прочитанные ({p.unread})
            </button>
          </form>
        )}
      </div>
      <NotificationList {...p.list} />
    </div>
  )
}
