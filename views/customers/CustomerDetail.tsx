import { can, type CurrentUser } from '../../src/auth/current-user.ts'
import type { Customer } from '../../src/customers/customers.table.ts'
import type { LockInfo } from '../../src/live/locks.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { LockSlot } from '../live/LockNotice.tsx'
import { Presence } from '../live/Presence.tsx'
import { HistoryLink } from '../audit/HistoryLink.tsx'

export const customerLockProps = (c: { id: number }, me: CurrentUser, lock: LockInfo | null) => ({
  baseId: domId('customer', c.id),
  lock,
  me,
  canEdit: can(me, 'customers.write'),
  canBreak: can(me, 'locks.break'),
  editHref: `/customers/${c.id}/edit`,
  breakAction: `/customers/${c.id}/lock/break`,
})

// The part of a customer's page that changes live.
export function CustomerCard({
  c,
  me,
  lock,
}: {
  c: Customer
  me: CurrentUser
  lock: LockInfo | null
}) {
  const canWrite = can(me, 'customers.write')
  return (
    <section
      id={domId('customer', c.id, 'card')}
      class="space-y-3"
      data-resync={`/customers/${c.id}/card`}
    >
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">
          {c.name}
          {c.deleted_at && <span class="ml-2 text-base text-red-700">(удалён)</span>}
        </h1>
        <div class="no-print flex flex-wrap gap-2">
          {!c.deleted_at && <LockSlot {...customerLockProps(c, me, lock)} />}
          {canWrite && (
            <form
              method="post"
              action={`/customers/${c.id}/${c.deleted_at ? 'restore' : 'delete'}`}
            >
              <button class={c.deleted_at ? 'btn' : 'btn btn-danger'} type="submit">
                {c.deleted_at ? 'Восстановить' : 'Удалить'}
              </button>
            </form>
          )}
        </div>
      </div>
      <dl class="card grid grid-cols-1 gap-2 sm:grid-cols-[12rem_1fr]">
        <dt class="text-slate-500">ИНН</dt>
        <dd>{c.inn ?? '—'}</dd>
        <dt class="text-slate-500">Контакты</dt>
        <dd class="whitespace-pre-line">{c.contact_info ?? '—'}</dd>
        <dt class="text-slate-500">Адрес</dt>
        <dd>{c.address ?? '—'}</dd>
        <dt class="text-slate-500">Комментарий</dt>
        <dd class="whitespace-pre-line">{c.comments ?? '—'}</dd>
        <dt class="text-slate-500">Изменён</dt>
        <dd>{formatDateTime(c.updated_at)}</dd>
      </dl>
    </section>
  )
}

export function CustomerDetail(p: {
  c: Customer
  me: CurrentUser
  lock: LockInfo | null
  present: { id: number; full_name: string }[]
  projects: { id: number; name: string; code: string }[]
}) {
  return (
    <div class="space-y-3">
      <nav class="no-print flex flex-wrap items-center justify-between gap-2 text-sm">
        <a class="link" href="/customers">
          ← Заказчики
        </a>
        <Presence stream={`customer:${p.c.id}`} users={p.present} meId={p.me.id} />
      </nav>
      <CustomerCard c={p.c} me={p.me} lock={p.lock} />
      <HistoryLink user={p.me} entity="customer" id={p.c.id} />
      <section class="card">
        <h2 class="mb-2 font-semibold">Проекты</h2>
        {p.projects.length === 0 ? (
          <p class="text-slate-600">Нет доступных вам проектов.</p>
        ) : (
          <ul class="list-disc pl-5">
            {p.projects.map((pr) => (
              <li>
                <a class="link" href={`/projects/${pr.id}`}>
                  {pr.code} — {pr.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
