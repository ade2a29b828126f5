// Keyset pager: "next" carries the cursor of the last row; "first" drops it.
export function Pager(p: {
  baseQuery: URLSearchParams
  next: string | null
  target: string
  isFirst: boolean
}) {
  const link = (cursor: string | null) => {
    const q = new URLSearchParams(p.baseQuery)
    q.delete('after')
    if (cursor) q.set('after', cursor)
    const s = q.toString()
    return s ? `?${s}` : '?'
  }
  return (
    <nav class="no-print mt-3 flex gap-2" aria-label="Страницы">
      {!p.isFirst && (
        <a
          class="btn"
          href={link(null)}
          hx-get={link(null)}
          hx-target={p.target}
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          ← В начало
        </a>
      )}
      {p.next && (
        <a
          class="btn"
          href={link(p.next)}
          hx-get={link(p.next)}
          hx-target={p.target}
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          Далее →
        </a>
      )}
    </nav>
  )
}
