import type { StockedMaterial } from '../../../src/stock/requests/requests.queries.ts'
import { UNIT_LABELS } from '../../../src/stock/units.ts'
import { Field, FormError, Select, TextArea, type FormState } from '../../components/Field.tsx'
import { noDoubleSubmit } from '../../components/ListStates.tsx'

// A request from a site. The unit is the material's own: it is shown with each material.
export function RequestForm(p: {
  form: FormState
  projects: { id: number; code: string; short_name: string }[]
  materials: StockedMaterial[]
}) {
  const f = p.form
  const picked = p.materials.find((m) => String(m.id) === f.values.material_id)
  return (
    <div class="space-y-3">
      <div class="text-sm text-slate-500">
        <a class="link" href="/stock/requests">
          ← Заявки на материал
        </a>
      </div>
      <h1 class="text-2xl font-semibold">Новая заявка на материал</h1>
      <form
        {...noDoubleSubmit}
        method="post"
        action="/stock/requests"
        class="card max-w-3xl space-y-3"
      >
        <FormError form={f} />
        <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Select
            form={f}
            name="project_id"
            label="Проект"
            empty="— выберите проект —"
            options={p.projects.map((pr) => [String(pr.id), `${pr.code} ${pr.short_name}`])}
            class="sm:col-span-2"
          />
          <Select
            form={f}
            name="material_id"
            label="Материал"
            empty="— выберите материал —"
            options={p.materials.map((m) => [String(m.id), `${m.name}, ${UNIT_LABELS[m.unit]}`])}
            class="sm:col-span-2"
          />
          <Field
            form={f}
            name="quantity"
            label={picked ? `Количество, ${UNIT_LABELS[picked.unit]}` : 'Количество'}
            inputmode="decimal"
            required
            hint="В единицах материала (указаны рядом с названием), например 1 250,5"
          />
          <Field form={f} name="needed_by" label="Нужно к дате" type="date" required />
          <TextArea
            form={f}
            name="reason"
            label="Обоснование"
            hint="Для чего и на какой участок"
            class="sm:col-span-2"
          />
        </div>
        <div class="flex flex-wrap gap-2">
          <button class="btn btn-primary" type="submit">
            Отправить на согласование
          </button>
          <a class="btn" href="/stock/requests">
            Отмена
          </a>
        </div>
      </form>
    </div>
  )
}
