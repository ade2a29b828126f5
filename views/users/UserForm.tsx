import { ROLE_LABELS, ROLES } from '../../src/auth/roles.ts'
import { Field, FormError, Select, type FormState } from '../components/Field.tsx'

const ROLE_OPTIONS: [string, string][] = ROLES.map((r) => [r, ROLE_LABELS[r]])

function ProfileFields({ form }: { form: FormState }) {
  return (
    <>
      <Field form={form} name="full_name" label="ФИО" required autocomplete="off" />
      <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field form={form} name="email" label="Эл. почта" type="email" inputmode="email" />
        <Field form={form} name="phone" label="Телефон" type="tel" inputmode="tel" />
        <Field form={form} name="company" label="Организация" />
        <Field form={form} name="department" label="Отдел" />
        <Field form={form} name="position" label="Должность" />
        <Select form={form} name="role" label="Роль" options={ROLE_OPTIONS} empty="— выберите —" />
      </div>
    </>
  )
}

function Buttons({ cancelHref }: { cancelHref: string }) {
  return (
    <div class="flex gap-2">
      <button class="btn btn-primary" type="submit">
        Сохранить
      </button>
      <a class="btn" href={cancelHref}>
        Отмена
      </a>
    </div>
  )
}

// The temporary password is never sent back to the browser: on errors the field comes back empty.
export function NewUserForm({ form }: { form: FormState }) {
  return (
    <form
      method="post"
      action="/admin/users"
      class="card max-w-2xl space-y-3"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={form} />
      <Field
        form={form}
        name="login"
        label="Логин"
        required
        autocomplete="off"
        hint="Латинские буквы, цифры, точка, дефис"
      />
      <ProfileFields form={form} />
      <Field
        form={{ values: {}, errors: form.errors }}
        name="password"
        label="Временный пароль"
        required
        autocomplete="new-password"
        hint="Не короче 10 символов. При первом входе пользователь задаст свой пароль."
      />
      <Buttons cancelHref="/admin/users" />
    </form>
  )
}

export function EditUserForm(p: { form: FormState; id: number; version: number }) {
  return (
    <form
      method="post"
      action={`/admin/users/${p.id}`}
      class="card space-y-3"
      hx-disabled-elt="find button[type=submit]"
    >
      <FormError form={p.form} />
      <input type="hidden" name="version" value={String(p.version)} />
      <ProfileFields form={p.form} />
      <p class="text-xs text-slate-500">
        После смены роли все сеансы пользователя завершаются: он войдёт заново с новыми правами.
      </p>
      <Buttons cancelHref="/admin/users" />
    </form>
  )
}
