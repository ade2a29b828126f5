import type { CurrentUser } from '../../src/auth/current-user.ts'
import { domId } from '../../src/lib/dom-id.ts'
import type { CrewListRow } from '../../src/reference/crews.queries.ts'
import type { UserOption } from '../../src/users/users.queries.ts'
import { Field, FormError, Select, TextArea, type FormState } from '../components/Field.tsx'
import { ReferencePage } from './ReferencePage.tsx'
import { formatNumber } from '../../src/lib/format.ts'
import { EmptyState, noDoubleSubmit } from '../components/ListStates.tsx'

// Name, foreman and notes: the same fields for a new crew and an edit.
export function CrewFields(p: { form: FormState; users: UserOption[] }) {
  return (
    <>
      <Field
        form={p.form}
        name="name"
        label="Название"
        required
        hint="Например: «Бригада Петрова»"
      />
      <Select
        form={p.form}
        name="foreman_id"
        label="Бригадир"
        empty="— не назначен —"
        options={p.users.map((u) => [String(u.id), `${u.full_name} (${u.login})`])}
      />
      <TextArea form={p.form} name="notes" label="Примечание" rows={2} />
    </>
  )
}

function CrewList({ rows, canWrite }: { rows: CrewListRow[]; canWrite: boolean }) {
  if (rows.length === 0)
    return (
      <EmptyState
        title="Бригад пока нет"
        hint="Бригада — люди на объекте во главе с бригадиром. Бригада указывается в журнале работ и при выдаче материала."
        create={canWrite && { href: '#new-crew', label: '+ Создать первую бригаду' }}
      />
    )
  return (
    <table class="table table-cards bg-white" id="crews">
      <thead>
        <tr>
          <th>Бригада</th>
          <th>Бригадир</th>
          <th>Человек</th>
          <th>Примечание</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr id={domId('crew', r.id)} class={r.deleted_at ? 'opacity-60' : ''}>
            <td data-label="Бригада">
              <a class="link" href={`/reference/crews/${r.id}`}>
                {r.name}
              </a>
              {r.deleted_at && <div class="text-xs text-slate-500">скрыта</div>}
            </td>
            <td data-label="Бригадир">{r.foreman ?? '—'}</td>
            <td data-label="Человек">{formatNumber(r.member_count ?? 0)}</td>
            <td data-label="Примечание" class="text-slate-600">
              {r.notes}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function CrewsPage(p: {
  user: CurrentUser
  rows: CrewListRow[]
  canWrite: boolean
  form: FormState
  users: UserOption[]
}) {
  return (
    <ReferencePage user={p.user} current="crews" title="Бригады">
      <div class="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <div class="lg:col-span-2">
          <CrewList rows={p.rows} canWrite={p.canWrite} />
        </div>
        {p.canWrite && (
          <form
            method="post"
            action="/reference/crews"
            class="card space-y-3"
            id="new-crew"
            {...noDoubleSubmit}
          >
            <h2 class="font-semibold">Новая бригада</h2>
            <FormError form={p.form} />
            <CrewFields form={p.form} users={p.users} />
            <button class="btn btn-primary" type="submit">
              Создать
            </button>
          </form>
        )}
      </div>
    </ReferencePage>
  )
}
