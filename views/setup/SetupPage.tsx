import { Field, FormError, type FormState } from '../components/Field.tsx'

export function SetupPage({ form }: { form: FormState }) {
  return (
    <div class="card mx-auto mt-8 max-w-md">
      <h1 class="mb-1 text-xl font-semibold">Первый запуск</h1>
      <p class="mb-4 text-sm text-slate-600">
        Создайте учётную запись администратора. После этого страница станет недоступна.
      </p>
      <FormError form={form} />
      <form method="post" action="/setup" class="space-y-3">
        <Field form={form} name="login" label="Логин" autocomplete="username" required />
        <Field form={form} name="full_name" label="ФИО" autocomplete="name" required />
        <Field
          form={{ values: {}, errors: form.errors }}
          name="password"
          label="Пароль"
          type="password"
          autocomplete="new-password"
          hint="Не короче 10 символов"
          required
        />
        <button class="btn btn-primary w-full" type="submit">
          Создать администратора
        </button>
      </form>
    </div>
  )
}
