import { Field, FormError, type FormState } from '../components/Field.tsx'

export function LoginPage({ form, next }: { form: FormState; next: string }) {
  return (
    <div class="card mx-auto mt-8 max-w-sm">
      <h1 class="mb-4 text-xl font-semibold">Вход в Строд-Сервис</h1>
      <FormError form={form} />
      <form method="post" action={`/login?next=${encodeURIComponent(next)}`} class="space-y-3">
        <Field form={form} name="login" label="Логин" autocomplete="username" required />
        <Field
          form={{ values: {}, errors: form.errors }}
          name="password"
          label="Пароль"
          type="password"
          autocomplete="current-password"
          required
        />
        <button class="btn btn-primary w-full" type="submit">
          Войти
        </button>
      </form>
    </div>
  )
}
