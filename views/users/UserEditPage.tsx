import type { UserRow } from '../../src/users/users.table.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { Field, type FormState } from '../components/Field.tsx'
import { ActiveBadge } from './UserList.tsx'
import { EditUserForm } from './UserForm.tsx'

function AccessCard({ u, isSelf }: { u: UserRow; isSelf: boolean }) {
  return (
    <section class="card space-y-2" id="user-access">
      <h2 class="font-semibold">Доступ</h2>
      <p class="text-sm">
        Логин: <span class="font-mono">{u.login}</span>
      </p>
      <p class="text-sm">
        Активен: <ActiveBadge active={u.is_active} />
      </p>
      {isSelf ? (
        <p class="text-sm text-slate-600">Это ваша учётная запись: отключить её нельзя.</p>
      ) : (
        <form
          method="post"
          action={`/admin/users/${u.id}/${u.is_active ? 'deactivate' : 'activate'}`}
        >
          <button class={u.is_active ? 'btn btn-danger' : 'btn'} type="submit">
            {u.is_active ? 'Отключить' : 'Включить снова'}
          </button>
          {!!u.is_active && (
            <p class="mt-1 text-xs text-slate-500">Все сеансы пользователя будут завершены.</p>
          )}
        </form>
      )}
    </section>
  )
}

function PasswordCard({ u, form, isSelf }: { u: UserRow; form: FormState; isSelf: boolean }) {
  return (
    <section class="card space-y-2" id="user-password">
      <h2 class="font-semibold">Временный пароль</h2>
      {u.must_change_password ? (
        <p class="text-sm text-amber-800">Пользователь ещё не сменил временный пароль.</p>
      ) : null}
      {isSelf ? (
        <p class="text-sm text-slate-600">
          Свой пароль меняйте в{' '}
          <a class="link" href="/account">
            профиле
          </a>
          .
        </p>
      ) : (
        <form method="post" action={`/admin/users/${u.id}/password`} class="space-y-2">
          <Field
            form={{ values: {}, errors: form.errors }}
            name="password"
            label="Новый временный пароль"
            autocomplete="new-password"
            hint="При следующем входе пользователь задаст свой. Сеансы завершатся."
          />
          <button class="btn" type="submit">
            Сбросить пароль
          </button>
        </form>
      )}
    </section>
  )
}

export function UserEditPage(p: {
  u: UserRow
  form: FormState
  passwordForm: FormState
  version: number
  isSelf: boolean
  canReadAudit: boolean
}) {
  const { u } = p
  return (
    <div class="grid grid-cols-1 gap-3 lg:grid-cols-3">
      <div class="lg:col-span-2">
        <EditUserForm form={p.form} id={u.id} version={p.version} />
      </div>
      <aside class="space-y-3">
        <AccessCard u={u} isSelf={p.isSelf} />
        <PasswordCard u={u} form={p.passwordForm} isSelf={p.isSelf} />
        <section class="card text-sm text-slate-600">
          Создан {formatDateTime(u.created_at)}, изменён {formatDateTime(u.updated_at)}.
          {p.canReadAudit && (
            <a class="link ml-1" href={`/admin/audit?entity=user&entity_id=${u.id}`}>
              История изменений
            </a>
          )}
        </section>
      </aside>
    </div>
  )
}
