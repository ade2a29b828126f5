import { fillRatioOf } from '../../src/reference/area.ts'
import type { MarkingType } from '../../src/reference/reference.table.ts'
import { LINES_PER_FORM } from '../../src/worklog/worklog.schema.ts'
import { FormError, type FormState } from '../components/Field.tsx'
import type { AvailableBatch } from '../../src/stock/consumption.queries.ts'
import { qty } from '../stock/Overview.tsx'
import { noDoubleSubmit } from '../components/ListStates.tsx'

// A day's work: the day, crew and section once, then up to five lines. The m² of each line is
// shown while typing (public/app.js reads the marking type's numbers from its <option>).
export function EntryForm(p: {
  action: string
  form: FormState
  types: MarkingType[]
  materials: { code: string; short_name: string }[]
  crews: { id: number; name: string }[]
  batches?: AvailableBatch[]
  needsConfirm: boolean
}) {
  const v = p.form.values
  const e = p.form.errors
  const err = (name: string) => e[name] && <p class="field-error">{e[name]}</p>
  const cls = (name: string) => `input ${e[name] ? 'input-error' : ''}`
  return (
    <form
      id="entry-form"
      method="post"
      action={p.action}
      class="card space-y-3"
      data-area-form
      {...noDoubleSubmit}
    >
      <FormError form={p.form} />
      <div class="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <label class="block">
          <span class="label">Дата</span>
          <input
            type="date"
            name="work_date"
            value={v.work_date ?? ''}
            class={cls('work_date')}
            required
          />
          {err('work_date')}
        </label>
        <label class="block">
          <span class="label">Бригада</span>
          <select name="crew_id" class={cls('crew_id')}>
            <option value="">— без бригады —</option>
            {p.crews.map((c) => (
              <option value={String(c.id)} selected={v.crew_id === String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label class="block">
          <span class="label">Участок (км, пикет)</span>
          <input
            name="section"
            value={v.section ?? ''}
            class={cls('section')}
            placeholder="км 12+000 — км 14+500"
          />
        </label>
      </div>
      {Array.from({ length: LINES_PER_FORM }, (_, i) => {
        const n = (name: string) => `l${i}_${name}`
        return (
          <fieldset class="rounded border border-slate-200 p-2" data-area-line>
            <legend class="px-1 text-sm text-slate-600">Строка {i + 1}</legend>
            <div class="grid grid-cols-2 gap-2 sm:grid-cols-6">
              <select
                name={n('material_code')}
                class={`${cls(n('material_code'))} col-span-2 sm:col-span-1`}
                aria-label={`Материал, строка ${i + 1}`}
              >
                <option value="">Материал</option>
                {p.materials.map((m) => (
                  <option value={m.code} selected={(v[n('material_code')] ?? '') === m.code}>
                    {m.short_name}
                  </option>
                ))}
              </select>
              <select
                name={n('marking_type_id')}
                class={`${cls(n('marking_type_id'))} col-span-2`}
                aria-label={`Тип разметки, строка ${i + 1}`}
                data-area-type
              >
                <option value="">Тип разметки</option>
                {p.types.map((t) => (
                  <option
                    value={String(t.id)}
                    selected={v[n('marking_type_id')] === String(t.id)}
                    data-kind={t.kind}
                    data-width={t.width_m ?? ''}
                    data-lines={t.lines}
                    data-fill={t.kind === 'line' ? fillRatioOf(t) : 1}
                    data-piece={t.piece_area_m2 ?? ''}
                  >
                    {t.code} {t.name}
                  </option>
                ))}
              </select>
              <input
                name={n('width')}
                value={v[n('width')] ?? ''}
                class={cls(n('width'))}
                inputmode="decimal"
                placeholder="Ширина, м"
                aria-label={`Ширина, м, строка ${i + 1}`}
                data-area-width
              />
              <input
                name={n('metres')}
                value={v[n('metres')] ?? ''}
                class={cls(n('metres'))}
                inputmode="decimal"
                placeholder="Длина, м"
                aria-label={`Длина, м, строка ${i + 1}`}
                data-area-metres
              />
              <input
                name={n('pieces')}
                value={v[n('pieces')] ?? ''}
                class={cls(n('pieces'))}
                inputmode="numeric"
                placeholder="Штук"
                aria-label={`Штук, строка ${i + 1}`}
                data-area-pieces
              />
            </div>
            <div class="mt-1 flex flex-wrap items-center justify-between gap-2 text-sm">
              <input
                name={n('notes')}
                value={v[n('notes')] ?? ''}
                class="input sm:max-w-md"
                placeholder="Примечание"
                aria-label={`Примечание, строка ${i + 1}`}
              />
              {p.batches && p.batches.length > 0 && (
                <select
                  name={n('batch_id')}
                  class={`${cls(n('batch_id'))} sm:max-w-xs`}
                  aria-label={`Партия материала со склада, строка ${i + 1}`}
                >
                  <option value="">Партия со склада — не указана</option>
                  {p.batches.map((b) => (
                    <option value={String(b.id)} selected={v[n('batch_id')] === String(b.id)}>
                      {b.material_short}, № {b.number} (ост. {qty(b.left, b.unit)})
                    </option>
                  ))}
                </select>
              )}
              <output class="font-semibold" data-area-out aria-live="polite"></output>
            </div>
            {['material_code', 'marking_type_id', 'width', 'metres', 'pieces', 'batch_id'].map(
              (f) => err(n(f)),
            )}
          </fieldset>
        )
      })}
      {p.needsConfirm && (
        <label class="flex items-center gap-2 rounded bg-amber-50 p-2 text-amber-900">
          <input type="checkbox" name="confirm" value="1" class="h-5 w-5" /> Объём проверен,
          сохранить как есть
        </label>
      )}
      <button class="btn btn-primary w-full sm:w-auto" type="submit">
        Сохранить
      </button>
    </form>
  )
}
