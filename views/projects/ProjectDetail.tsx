import { ROLE_LABELS, type Role } from '../../src/auth/roles.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDate, formatDateTime, formatNumber, withUnit } from '../../src/lib/format.ts'
import { MATERIAL_LABELS, type MaterialCode } from '../../src/materials/materials.ts'
import type { MemberRow } from '../../src/projects/members.queries.ts'
import type { ProjectWithCustomer } from '../../src/projects/projects.queries.ts'
import { StatusBadge } from './ProjectList.tsx'
import { can, type CurrentUser } from '../../src/auth/current-user.ts'
import type { LockInfo } from '../../src/live/locks.ts'
import { LockSlot } from '../live/LockNotice.tsx'

export interface ProjectPerms {
  write: boolean
  delete: boolean
  members: boolean
}

// JSX children of an empty field come as null, false, '' or arrays of those.
const isEmpty = (c: unknown): boolean =>
  c == null || c === false || c === '' || (Array.isArray(c) && c.every(isEmpty))

function Row({ label, children }: { label: string; children: any }) {
  return (
    <>
      <dt class="text-slate-500">{label}</dt>
      <dd>{isEmpty(children) ? '—' : children}</dd>
    </>
  )
}

export interface CardLive {
  lock: LockInfo | null
  me: CurrentUser
}

export const projectLockProps = (p: { id: number }, perms: ProjectPerms, live: CardLive) => ({
  baseId: domId('project', p.id),
  lock: live.lock,
  me: live.me,
  canEdit: perms.write,
  canBreak: can(live.me, 'locks.break'),
  editHref: `/projects/${p.id}/edit`,
  breakAction: `/projects/${p.id}/lock/break`,
})

export function ProjectCard({
  p,
  perms,
  live,
}: {
  p: ProjectWithCustomer
  perms: ProjectPerms
  live: CardLive
}) {
  return (
    <section
      id={domId('project', p.id, 'card')}
      class="space-y-3"
      data-resync={`/projects/${p.id}/card`}
    >
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div>
          <div class="font-mono text-sm text-slate-500">{p.code}</div>
          <h1 class="text-2xl font-semibold">
            {p.short_name}
            {p.deleted_at && <span class="ml-2 text-base text-red-700">(удалён)</span>}
          </h1>
          <div class="text-slate-600">{p.name}</div>
        </div>
        <div class="no-print flex flex-wrap gap-2">
          {!p.deleted_at && <LockSlot {...projectLockProps(p, perms, live)} />}
          {perms.delete && (
            <form method="post" action={`/projects/${p.id}/${p.deleted_at ? 'restore' : 'delete'}`}>
              <button class={p.deleted_at ? 'btn' : 'btn btn-danger'} type="submit">
                {p.deleted_at ? 'Восстановить' : 'Удалить'}
              </button>
            </form>
          )}
        </div>
      </div>
      <dl class="card grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[14rem_1fr]">
        <Row label="Статус">
          <StatusBadge status={p.status} />
        </Row>
        <Row label="Заказчик">
          {p.customer_id && (
            <a class="link" href={`/customers/${p.customer_id}`}>
              {p.customer_name}
            </a>
          )}
        </Row>
        <Row label="Подрядчик">{p.contractor}</Row>
        <Row label="Контракт">
          {p.contract_number}
          {p.contract_date && ` от ${formatDate(p.contract_date)}`}
        </Row>
        <Row label="Протяжённость">{withUnit(p.length_km, 'км', 3)}</Row>
        <Row label="Укладка асфальта">{formatDate(p.asphalt_date)}</Row>
        <Row label="Наши работы">
          {(p.start_date || p.end_date) &&
            `${formatDate(p.start_date)} – ${formatDate(p.end_date)}`}
        </Row>
        <Row label="Комментарий">
          <span class="whitespace-pre-line">{p.comments}</span>
        </Row>
        <Row label="Изменён">{formatDateTime(p.updated_at)}</Row>
      </dl>
    </section>
  )
}

export function VolumesTable({ volumes }: { volumes: { material: string; plan_m2: number }[] }) {
  const total = volumes.reduce((s, v) => s + v.plan_m2, 0)
  return (
    <section class="card">
      <h2 class="mb-2 font-semibold">Плановые объёмы</h2>
      {volumes.length === 0 ? (
        <p class="text-slate-600">Не заданы.</p>
      ) : (
        <table class="table">
          <tbody>
            {volumes.map((v) => (
              <tr>
                <td>{MATERIAL_LABELS[v.material as MaterialCode] ?? v.material}</td>
                <td class="whitespace-nowrap text-right">{formatNumber(v.plan_m2)} м²</td>
              </tr>
            ))}
            <tr class="font-semibold">
              <td>Итого</td>
              <td class="whitespace-nowrap text-right">{formatNumber(total)} м²</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  )
}

export function MembersSection(p: {
  projectId: number
  members: MemberRow[]
  canManage: boolean
  candidates: {
    users: { id: number; full_name: string; role: string }[]
    groups: { id: number; name: string }[]
  }
}) {
  return (
    <section class="card" id={domId('project', p.projectId, 'members')}>
      <h2 class="mb-2 font-semibold">Участники проекта</h2>
      <p class="mb-2 text-xs text-slate-500">
        Директор и администратор видят все проекты; остальные — только те, где они участники.
      </p>
      {p.members.length === 0 ? (
        <p class="text-slate-600">
          {p.canManage
            ? 'Участников пока нет: добавьте сотрудника или группу в форме ниже, и проект откроется им.'
            : 'Участников пока нет.'}
        </p>
      ) : (
        <ul class="divide-y">
          {p.members.map((m) => (
            <li class="flex items-center justify-between gap-2 py-1">
              <span>
                {m.group_id ? `Группа «${m.group_name}»` : m.full_name}
                {m.role && (
                  <span class="ml-1 text-xs text-slate-500">{ROLE_LABELS[m.role as Role]}</span>
                )}
              </span>
              {p.canManage && (
                <form method="post" action={`/projects/${p.projectId}/members/${m.id}/delete`}>
                  <button class="link text-sm text-red-700" type="submit">
                    Убрать
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.canManage && (
        <form
          method="post"
          action={`/projects/${p.projectId}/members`}
          class="no-print mt-3 flex flex-wrap items-end gap-2"
        >
          <select name="member" class="input sm:max-w-xs" aria-label="Пользователь или группа">
            <optgroup label="Пользователи">
              {p.candidates.users.map((u) => (
                <option value={`user:${u.id}`}>
                  {u.full_name} — {ROLE_LABELS[u.role as Role]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Группы">
              {p.candidates.groups.map((g) => (
                <option value={`group:${g.id}`}>{g.name}</option>
              ))}
            </optgroup>
          </select>
          <button class="btn" type="submit">
            Добавить
          </button>
        </form>
      )}
    </section>
  )
}
