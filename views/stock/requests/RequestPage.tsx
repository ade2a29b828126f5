import type { Child } from 'hono/jsx'

export function RequestPage(p: { card: Child; actions: Child; message?: string }) {
  return (
    <div class="space-y-4">
      <nav class="no-print text-sm">
        <a class="link" href="/stock/requests">
          ← Заявки на материал
        </a>
      </nav>
      {p.message && (
        <p
          role="alert"
          class="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900"
        >
          {p.message}
        </p>
      )}
      {p.card}
      {p.actions}
    </div>
  )
}
