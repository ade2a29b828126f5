import type { CurrentUser } from '../../src/auth/current-user.ts'
import type { FieldErrors, FormValues } from '../../src/lib/forms.ts'
import { Field, FormError } from '../components/Field.tsx'
import { AdminPage } from '../users/AdminNav.tsx'
import { EmptyState, noDoubleSubmit } from '../components/ListStates.tsx'

interface TypeRow {
  id: number
  name: string
  short_name: string
  sort_order: number
  deleted_at: string | null
}

function TypeFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const form = { values, errors }
  return (
    <>
      <Field form={form} name="name" label="Наименование" class="sm:flex-1" />
      <Field form={form} name="short_name" label="Сокращение" class="sm:w-32" />
      <Field form={form} name="sort_order" label="Порядок" inputmode="numeric" class="sm:w-24" />
    </>
  )
}

export function DocumentTypesPage(p: {
  user: CurrentUser
  types: TypeRow[]
  form?: { values: FormValues; errors: FieldErrors; id?: number }
}) {
  const f = p.form
  return (
    <AdminPage user={p.user} current="document-types" title="Типы исполнительной документации">
      <form
        method="post"
        action="/admin/document-types"
        class="card flex flex-col gap-3 sm:flex-row sm:items-end"
        {...noDoubleSubmit}
      >
        {f && f.id === undefined && <FormError form={f} />}
        <TypeFields
          values={f && f.id === undefined ? f.values : { sort_order: String(p.types.length + 1) }}
          errors={f && f.id === undefined ? f.errors : {}}
        />
        <button class="btn btn-primary" type="submit">
          Добавить
        </button>
      </form>
      {p.types.length === 0 && (
        <EmptyState
          title="Типов документов пока нет"
          hint="Типы исполнительной документации (АОСР, исполнительная схема, акт…) — добавьте их в форме выше, и их можно будет выбирать в реестре ИД."
        />
      )}
      <ul class="space-y-2">
        {p.types.map((t) => {
          const mine = f?.id === t.id
          const values = mine
            ? f!.values
            : { name: t.name, short_name: t.short_name, sort_order: String(t.sort_order) }
          return (
            <li class={`card ${t.deleted_at ? 'opacity-60' : ''}`}>
              <form
                method="post"
                action={`/admin/document-types/${t.id}`}
                class="flex flex-col gap-3 sm:flex-row sm:items-end"
              >
                <TypeFields values={values} errors={mine ? f!.errors : {}} />
                <button class="btn" type="submit">
                  Сохранить
                </button>
                <button
                  class="btn"
                  type="submit"
                  formaction={`/admin/document-types/${t.id}/${t.deleted_at ? 'restore' : 'delete'}`}
                >
                  {t.deleted_at ? 'Вернуть' : 'Скрыть'}
                </button>
              </form>
            </li>
          )
        })}
      </ul>
    </AdminPage>
  )
}
