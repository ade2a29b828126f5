import type { GroupListRow } from '../../src/users/groups.queries.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatNumber } from '../../src/lib/format.ts'
import { Field, FormError, type FormState } from '../components/Field.tsx'
import { EmptyState, noDoubleSubmit } from '../components/ListStates.tsx'

export function GroupList({ rows }: { rows: GroupListRow[] }) {
  if (rows.length === 0)
    return (
      <EmptyState
        title="Групп пока нет"
        hint="Группа — несколько сотрудников («Участок №1», «Бригада Петрова»), которым доступ к проекту даётся одной записью."
        create={{ href: '#new-group', label: '+ Создать первую группу' }}
      />
    )
  return (
    <table class="table table-cards bg-white" id="groups-list">
      <thead>
        <tr>
          <th>Группа</th>
          <th>Участников</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr id={domId('group', g.id)}>
            <td data-label="Группа">
              <a class="link" href={`/admin/groups/${g.id}`}>
                {g.name}
              </a>
            </td>
            <td data-label="Участников">{formatNumber(g.member_count ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function NewGroupForm({ form }: { form: FormState }) {
  return (
    <form
      method="post"
      action="/admin/groups"
      class="card space-y-3"
      id="new-group"
      {...noDoubleSubmit}
    >
      <h2 class="font-semibold">Новая группа</h2>
      <FormError form={form} />
      <Field
        form={form}
        name="name"
        label="Название"
        required
        hint="Например: «Участок №1», «Бригада Петрова»"
      />
      <button class="btn btn-primary" type="submit">
        Создать
      </button>
    </form>
  )
}

export function GroupsPage({ rows, form }: { rows: GroupListRow[]; form: FormState }) {
  return (
    <div class="grid grid-cols-1 gap-3 lg:grid-cols-3">
      <div class="lg:col-span-2">
        <GroupList rows={rows} />
      </div>
      <NewGroupForm form={form} />
    </div>
  )
}
