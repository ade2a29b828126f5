import type { FormValues } from '../../src/lib/forms.ts'

export interface ConflictField {
  name: string
  label: string
  theirs: string // the value saved by the other person, as shown to users
  mine: string // what this person typed
}

// Shown with 409 when a save was based on an old version: nothing was overwritten.
export function ConflictView(p: {
  action: string
  currentVersion: number
  updatedBy: string
  updatedAt: string
  fields: ConflictField[]
  typed: FormValues
  cancelHref: string
}) {
  const changed = p.fields.filter((f) => f.theirs !== f.mine)
  return (
    <section id="conflict" class="card border-amber-400" role="alert">
      <h2 class="text-lg font-semibold text-amber-900">Запись уже изменил другой пользователь</h2>
      <p class="mt-1 text-sm text-slate-700">
        {p.updatedBy} сохранил(а) изменения {p.updatedAt}. Ваши данные не записаны. Сравните и
        решите, что оставить.
      </p>
      <div class="mt-3 overflow-x-auto">
        <table class="table">
          <thead>
            <tr>
              <th>Поле</th>
              <th>Сейчас сохранено</th>
              <th>Вы ввели</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((f) => (
              <tr>
                <td>{f.label}</td>
                <td class="bg-amber-50">{f.theirs || '—'}</td>
                <td class="bg-blue-50">{f.mine || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={p.action} class="mt-3 flex flex-wrap gap-2">
        {Object.entries(p.typed)
          .filter(([k]) => k !== 'version')
          .map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
        <input type="hidden" name="version" value={String(p.currentVersion)} />
        <button class="btn btn-primary" type="submit">
          Применить мои изменения поверх
        </button>
        <a class="btn" href={p.cancelHref}>
          Оставить сохранённое
        </a>
      </form>
    </section>
  )
}
