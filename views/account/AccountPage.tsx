import type { SessionRow } from '../../src/auth/auth.table.ts'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { ROLE_LABELS } from '../../src/auth/roles.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { NOTIFICATION_GROUPS } from '../../src/account/profile.ts'
import { Field, FormError, type FormState } from '../components/Field.tsx'

export function PasswordForm({ form, forced }: { form: FormState; forced: boolean }) {
  const blank = { values: {}, errors: form.errors }
  return (
    <section class="card" id="password">
      <h2 class="mb-3 text-lg font-semibold">Смена пароля</h2>
      {forced && (
        <p class="mb-3 rounded bg-amber-50 px-3 py-2 text-amber-900">
          Администратор выдал вам временный пароль. Задайте свой, чтобы продолжить.
        </p>
      )}
      <FormError form={form} />
      <form
        method="post"
        action="/account/password"
        class="max-w-sm space-y-3"
        hx-disabled-elt="find button[type=submit]"
      >
        <Field
          form={blank}
          name="current"
          label="Текущий пароль"
          type="password"
          autocomplete="current-password"
        />
        <Field
          form={blank}
          name="password"
          label="Новый пароль"
          type="password"
          autocomplete="new-password"
          hint="Не короче 10 символов"
        />
        <Field
          form={blank}
          name="confirm"
          label="Повторите новый пароль"
          type="password"
          autocomplete="new-password"
        />
        <button class="btn btn-primary" type="submit">
          Сменить пароль
        </button>
      </form>
    </section>
  )
}

export function SessionsList({
  sessions,
  currentId,
}: {
  sessions: SessionRow[]
  currentId: string
}) {
  return (
    <section class="card" id="sessions">
      <h2 class="mb-3 text-lg font-semibold">Активные сеансы</h2>
      <ul class="divide-y">
        {sessions.map((s) => (
          <li class="flex flex-wrap items-center justify-between gap-2 py-2">
            <div>
              <div class="text-sm">{s.user_agent ?? 'Неизвестное устройство'}</div>
              <div class="text-xs text-slate-500">
                IP {s.ip ?? '—'} · вход {formatDateTime(s.created_at)} · активность{' '}
                {formatDateTime(s.last_seen_at)}
                {s.id === currentId && <strong class="ml-1 text-green-700">это устройство</strong>}
              </div>
            </div>
            {s.id !== currentId && (
              <form method="post" action={`/account/sessions/${s.id}/revoke`}>
                <button class="btn" type="submit">
                  Завершить
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <form method="post" action="/account/sessions/revoke-others" class="mt-3">
        <button class="btn btn-danger" type="submit">
          Выйти на всех других устройствах
        </button>
      </form>
    </section>
  )
}

function ProfileForm({ form }: { form: FormState }) {
  return (
    <section class="card space-y-3" id="profile">
      <h2 class="text-lg font-semibold">Контактные данные</h2>
      <FormError form={form} />
      <form
        method="post"
        action="/account/profile"
        class="grid gap-3 sm:grid-cols-3"
        novalidate
        hx-disabled-elt="find button[type=submit]"
      >
        <input type="hidden" name="version" value={form.values.version ?? ''} />
        <Field form={form} name="full_name" label="ФИО" autocomplete="name" />
        <Field form={form} name="phone" label="Телефон" type="tel" autocomplete="tel" />
        <Field form={form} name="email" label="Эл. почта" type="email" autocomplete="email" />
        <div class="sm:col-span-3">
          <button class="btn btn-primary" type="submit">
            Сохранить
          </button>
        </div>
      </form>
    </section>
  )
}

function NotificationSettings({ muted }: { muted: string[] }) {
  return (
    <section class="card space-y-2" id="notification-settings">
      <h2 class="text-lg font-semibold">Уведомления</h2>
      <form method="post" action="/account/notifications" class="space-y-2">
        {NOTIFICATION_GROUPS.map(([key, label]) => (
          <label class="flex items-center gap-2">
            <input
              type="checkbox"
              name="on"
              value={key}
              checked={!muted.includes(key)}
              class="h-5 w-5"
            />
            {label}
          </label>
        ))}
        <button class="btn" type="submit">
          Сохранить настройки
        </button>
      </form>
    </section>
  )
}

export function AccountPage(p: {
  user: CurrentUser
  sessions: SessionRow[]
  currentId: string
  passwordForm: FormState
  profileForm: FormState
  muted: string[]
}) {
  return (
    <div class="space-y-4">
      <h1 class="text-2xl font-semibold">Мой профиль</h1>
      <section class="card">
        <div class="text-lg">{p.user.full_name}</div>
        <div class="text-sm text-slate-600">
          {p.user.login} · {ROLE_LABELS[p.user.role]}
        </div>
      </section>
      <PasswordForm form={p.passwordForm} forced={p.user.must_change_password} />
      {!p.user.must_change_password && <ProfileForm form={p.profileForm} />}
      {!p.user.must_change_password && <NotificationSettings muted={p.muted} />}
      <SessionsList sessions={p.sessions} currentId={p.currentId} />
    </div>
  )
}
