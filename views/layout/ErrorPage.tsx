import type { Ctx } from '../../src/app-env.ts'

const MESSAGES: Record<number, [string, string]> = {
  400: ['Неверный запрос', 'Проверьте адрес или данные формы.'],
  403: ['Доступ запрещён', 'У вас нет прав на это действие. Обратитесь к администратору.'],
  404: ['Страница не найдена', 'Такой страницы нет, или у вас нет к ней доступа.'],
  413: ['Слишком большой запрос', 'Уменьшите размер отправляемых данных.'],
  500: ['Ошибка сервера', 'Что-то пошло не так. Мы уже записали ошибку; попробуйте ещё раз.'],
}

// The request id is in the server's log line of this request: support finds it by this code.
export function ErrorPage({ status, code }: { status: number; code?: string }) {
  const [title, text] = MESSAGES[status] ?? MESSAGES[500]
  return (
    <div class="card mx-auto max-w-lg text-center">
      <p class="text-5xl font-bold text-slate-500">{status}</p>
      <h1 class="mt-2 text-xl font-semibold">{title}</h1>
      <p class="mt-2 text-slate-600">{text}</p>
      {code && (
        <p class="mt-2 text-sm text-slate-500">
          Код ошибки: <span class="font-mono">{code}</span> — назовите его, обращаясь в поддержку.
        </p>
      )}
      <p class="mt-4">
        <a class="link" href="/">
          На главную
        </a>
      </p>
    </div>
  )
}

export function renderError(c: Ctx, status: 400 | 403 | 404 | 413 | 500) {
  const [title] = MESSAGES[status]
  c.status(status)
  const code = status === 500 ? c.get('requestId') : undefined
  return c.render(<ErrorPage status={status} code={code} />, { title })
}
