import type { CurrentUser } from '../../src/auth/current-user.ts'
import { ROLE_LABELS, type Role } from '../../src/auth/roles.ts'
import { domId } from '../../src/lib/dom-id.ts'
import type { CrewMemberRow } from '../../src/reference/crews.queries.ts'
import type { Crew } from '../../src/reference/reference.table.ts'
import type { UserOption } from '../../src/users/users.queries.ts'
import { FormError, type FormState } from '../components/Field.tsx'
import { ActiveBadge } from '../users/UserList.tsx'
import { CrewFields } from './CrewsPage.tsx'
import { ReferencePage } from './ReferencePage.tsx'

function Members(p: { crewId: number; members: CrewMemberRow[]; canWrite: boolean }) {
  if (p.members.length === 0) return <p class="text-slate-600">В бригаде пока никого нет.</p>
  return (
    <table class="table table-cards bg-white">
      <thead>
        <tr>
          <th>ФИО</th>
          <th>Роль</th>
          <th>Активен</th>
          {p.canWrite && <th class="no-print"></th>}
        </tr>
      </thead>
      <tbody>
        {p.members.map((m) => (
          <tr id={domId('crew', p.crewId, `member-${m.id}`)}>
            <td data-label="ФИО">{m.full_name}</td>
            <td data-label="Роль">{ROLE_LABELS[m.role as Role] ?? m.role}</td>
            <td data-label="Активен">
              <ActiveBadge active={m.is_active} />
            </td>
            {p.canWrite && (
              <td data-label="Действия" class="no-print">
                <form method="post" action={`/reference/crews/${p.crewId}/members/${m.id}/delete`}>
                  <button class="btn" type="submit">
                    Убрать
                  </button>
                </form>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AddMember({ crewId, candidates }: { crewId: number; candidates: UserOption[] }) {
  if (candidates.length === 0)
    return <p class="text-sm text-slate-600">Все активные пользователи уже в бригаде.</p>
  return (
    <form
      method="post"
      action={`/reference/crews/${crewId}/members`}
      class="flex flex-wrap items-end gap-2"
    >
      <div>
        <label class="label" for="f-user_id">
          Добавить в бригаду
        </label>
        <select id="f-user_id" name="user_id" class="input" required>
          <option value="">— выберите —</option>
          {candidates.map((u) => (
            <option value={String(u.id)}>
              {u.full_name} ({u.login})
            </option>
          ))}
        </select>
      </div>
      <button class="btn" type="submit">
        Добавить
      </button>
    </form>
  )
}

export function CrewPage(p: {
  user: CurrentUser
  crew: Crew
  foreman: string | null
  members: CrewMemberRow[]
  canWrite: boolean
  users: UserOption[] // active users: the foreman choice and the candidates
  form: FormState
  version: number
}) {
  const inCrew = new Set(p.members.map((m) => m.id))
  const c = p.crew
  return (
    <ReferencePage user={p.user} current="crews" title={c.name}>
      <div class="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <section class="card space-y-3 lg:col-span-2" id="crew-members">
          <p>
            Бригадир: <strong>{p.foreman ?? 'не назначен'}</strong>
            {c.deleted_at && <span class="ml-2 text-sm text-slate-500">(бригада скрыта)</span>}
          </p>
          {c.notes && <p class="text-slate-600">{c.notes}</p>}
          <h2 class="font-semibold">Состав ({p.members.length})</h2>
          <Members crewId={c.id} members={p.members} canWrite={p.canWrite} />
          {p.canWrite && (
            <AddMember crewId={c.id} candidates={p.users.filter((u) => !inCrew.has(u.id))} />
          )}
        </section>
        {p.canWrite && (
          <div class="space-y-3">
            <form
              method="post"
              action={`/reference/crews/${c.id}`}
              class="card space-y-3"
              hx-disabled-elt="find button[type=submit]"
            >
              <h2 class="font-semibold">Изменить</h2>
              <FormError form={p.form} />
              <input type="hidden" name="version" value={String(p.version)} />
              <CrewFields form={p.form} users={p.users} />
              <button class="btn btn-primary" type="submit">
                Сохранить
              </button>
            </form>
            <form
              method="post"
              action={`/reference/crews/${c.id}/${c.deleted_at ? 'restore' : 'delete'}`}
            >
              <button class="btn" type="submit">
                {c.deleted_at ? 'Вернуть бригаду' : 'Скрыть бригаду'}
              </button>
            </form>
          </div>
        )}
      </div>
      <p>
        <a class="link" href="/reference/crews">
          ← Все бригады
        </a>
      </p>
    </ReferencePage>
  )
}
