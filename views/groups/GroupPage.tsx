import { ROLE_LABELS, type Role } from '../../src/auth/roles.ts'
import type { GroupMemberRow } from '../../src/users/groups.queries.ts'
import type { UserOption } from '../../src/users/users.queries.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { Field, FormError, type FormState } from '../components/Field.tsx'
import { ActiveBadge } from '../users/UserList.tsx'

export function RenameGroupForm(p: { id: number; version: number; form: FormState }) {
  return (
    <form
      method="post"
      action={`/admin/groups/${p.id}`}
      class="card space-y-3"
      id="rename-group"
      hx-disabled-elt="find button[type=submit]"
    >
      <h2 class="font-semibold">Название</h2>
      <FormError form={p.form} />
      <input type="hidden" name="version" value={String(p.version)} />
      <Field form={p.form} name="name" label="Название группы" required />
      <button class="btn btn-primary" type="submit">
        Переименовать
      </button>
    </form>
  )
}

function MemberTable({ groupId, members }: { groupId: number; members: GroupMemberRow[] }) {
  if (members.length === 0) return <p class="text-slate-600">В группе пока никого нет.</p>
  return (
    <table class="table table-cards bg-white">
      <thead>
        <tr>
          <th>ФИО</th>
          <th>Логин</th>
          <th>Роль</th>
          <th>Активен</th>
          <th class="no-print"></th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr id={domId('group', groupId, `member-${m.id}`)}>
            <td data-label="ФИО">
              <a class="link" href={`/admin/users/${m.id}/edit`}>
                {m.full_name}
              </a>
            </td>
            <td data-label="Логин" class="font-mono text-xs">
              {m.login}
            </td>
            <td data-label="Роль">{ROLE_LABELS[m.role as Role] ?? m.role}</td>
            <td data-label="Активен">
              <ActiveBadge active={m.is_active} />
            </td>
            <td data-label="Действия" class="no-print">
              <form method="post" action={`/admin/groups/${groupId}/members/${m.id}/delete`}>
                <button class="btn" type="submit">
                  Убрать
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function GroupMembers(p: {
  groupId: number
  members: GroupMemberRow[]
  candidates: UserOption[]
}) {
  return (
    <section class="card space-y-3" id="group-members">
      <h2 class="font-semibold">Участники ({p.members.length})</h2>
      <MemberTable groupId={p.groupId} members={p.members} />
      {p.candidates.length > 0 ? (
        <form
          method="post"
          action={`/admin/groups/${p.groupId}/members`}
          class="flex flex-wrap items-end gap-2"
        >
          <div>
            <label class="label" for="f-user_id">
              Добавить пользователя
            </label>
            <select id="f-user_id" name="user_id" class="input" required>
              <option value="">— выберите —</option>
              {p.candidates.map((u) => (
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
      ) : (
        <p class="text-sm text-slate-600">Все активные пользователи уже в группе.</p>
      )}
    </section>
  )
}
