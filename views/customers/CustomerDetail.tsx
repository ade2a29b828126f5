import type { Customer } from '../../src/customers/customers.table.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDateTime } from '../../src/lib/format.ts'

export function CustomerDetail(p: {
  c: Customer
  projects: { id: number; name: string; code: string }[]
  canWrite: boolean
}) {
  const { c } = p
  return (
    <div id={domId('customer', c.id, 'detail')} class="space-y-3">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">
          {c.name}
          {c.deleted_at && <span class="ml-2 text-base text-red-700">(удалён)</span>}
        </h1>
        {p.canWrite && (
          <div class="no-print flex gap-2">
            {!c.deleted_at && (
              <a class="btn" href={`/customers/${c.id}/edit`}>
                Изменить
              </a>
            )}
            <form
              method="post"
              action={`/customers/${c.id}/${c.deleted_at ? 'restore' : 'delete'}`}
            >
              <button class={c.deleted_at ? 'btn' : 'btn btn-danger'} type="submit">
                {c.deleted_at ? 'Восстановить' : 'Удалить'}
              </button>
            </form>
          </div>
        )}
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
