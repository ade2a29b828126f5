import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf } from '../app-env.ts'
import { moscowToday } from '../documents/state.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatArea, formatDate } from '../lib/format.ts'
import { readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { loadProject } from '../projects/load-project.ts'
import type { ProjectWithCustomer } from '../projects/projects.queries.ts'
import { fillRatioOf } from '../reference/area.ts'
import { publishEntries } from '../worklog/worklog.live.tsx'
import { createEntries, prepareLines } from '../worklog/worklog.queries.ts'
import { entryLine } from '../worklog/worklog.schema.ts'
import { loadFor } from '../auth/load-for.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { activeMarkingTypes } from '../reference/lists.ts'

// A day's volume typed straight into a ГПР cell by the site chief: it becomes a work-log line
// marked «из ГПР», so the grid and the log stay one set of records.
export const gprCellRoutes = new Hono<AppEnv>()

const cellQuery = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  material: z.string().min(1).max(40),
})

async function page(
  c: Ctx,
  p: ProjectWithCustomer,
  cell: { date: string; material: string },
  form: { values: FormValues; errors: FieldErrors },
) {
  const db = c.get('db')
  const [types, material] = await Promise.all([
    activeMarkingTypes(db),
    db
      .selectFrom('materials')
      .select(['code', 'name'])
      .where('code', '=', cell.material)
      .executeTakeFirst(),
  ])
  const e = form.errors
  return c.render(
    <div class="mx-auto max-w-lg space-y-3">
      <h1 class="text-xl font-semibold">
        {p.code}: {material?.name ?? cell.material}, {formatDate(cell.date)}
      </h1>
      <form
        method="post"
        action={`/projects/${p.id}/gpr/cell?date=${cell.date}&material=${encodeURIComponent(cell.material)}`}
        class="card space-y-3"
        data-area-form
      >
        {e._form && (
          <p role="alert" class="rounded bg-red-50 px-3 py-2 text-red-900">
            {e._form}
          </p>
        )}
        <fieldset class="space-y-2" data-area-line>
          <select
            name="marking_type_id"
            class={`input ${e.marking_type_id ? 'input-error' : ''}`}
            aria-label="Тип разметки"
            data-area-type
          >
            <option value="">Тип разметки</option>
            {types.map((t) => (
              <option
                value={String(t.id)}
                selected={form.values.marking_type_id === String(t.id)}
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
          {e.marking_type_id && <p class="field-error">{e.marking_type_id}</p>}
          <input
            name="width"
            value={form.values.width ?? ''}
            class="input"
            inputmode="decimal"
            placeholder="Ширина, м (по справочнику)"
            aria-label="Ширина, м"
            data-area-width
          />
          <input
            name="metres"
            value={form.values.metres ?? ''}
            class={`input ${e.metres ? 'input-error' : ''}`}
            inputmode="decimal"
            placeholder="Длина, м"
            aria-label="Длина, м"
            data-area-metres
          />
          {e.metres && <p class="field-error">{e.metres}</p>}
          <input
            name="pieces"
            value={form.values.pieces ?? ''}
            class={`input ${e.pieces ? 'input-error' : ''}`}
            inputmode="numeric"
            placeholder="Штук"
            aria-label="Штук"
            data-area-pieces
          />
          {e.pieces && <p class="field-error">{e.pieces}</p>}
          <output class="block font-semibold" data-area-out></output>
        </fieldset>
        <div class="flex gap-2">
          <button class="btn btn-primary" type="submit">
            Внести
          </button>
          <a class="btn" href={`/gpr?project=${p.id}&month=${cell.date.slice(0, 7)}`}>
            Отмена
          </a>
        </div>
      </form>
    </div>,
    { title: 'Внести объём' },
  )
}

gprCellRoutes.get('/gpr/cell', async (c) => {
  const { record: p, res } = await loadFor(
    c,
    (c) => loadProject(c, { activeOnly: true }),
    'schedule.write',
    'worklog.write',
  )
  if (!p) return res
  const cell = cellQuery.safeParse(c.req.query())
  if (!cell.success) return renderError(c, 400)
  return page(c, p, cell.data, { values: {}, errors: {} })
})

gprCellRoutes.post('/gpr/cell', async (c) => {
  const { record: p, res } = await loadFor(
    c,
    (c) => loadProject(c, { activeOnly: true }),
    'schedule.write',
    'worklog.write',
  )
  if (!p) return res
  const cell = cellQuery.safeParse(c.req.query())
  if (!cell.success) return renderError(c, 400)
  const body = await c.req.parseBody()
  const line = await readForm({ ...body, material_code: cell.data.material }, entryLine)
  if (!line.ok) {
    c.status(422)
    return page(c, p, cell.data, line)
  }
  const prepared = await prepareLines(
    c.get('db'),
    { work_date: cell.data.date, section: null, crew_id: null },
    [{ index: 0, line: line.data }],
    moscowToday(),
  )
  const errors = Object.fromEntries(
    Object.entries(prepared.errors).map(([k, v]) => [k.replace(/^l0_/, ''), v]),
  )
  if (Object.keys(errors).length) {
    c.status(422)
    return page(c, p, cell.data, {
      values: line.values,
      errors: { _form: errors.work_date ?? 'Проверьте поля', ...errors },
    })
  }
  const rows = await createEntries(c.get('db'), actorOf(c), p.id, prepared.entries, 'grid')
  await publishEntries(
    c.get('deps').live,
    p.id,
    rows.map((r) => r.id),
  )
  return redirectWithFlash(
    c,
    `/gpr?project=${p.id}&month=${cell.data.date.slice(0, 7)}`,
    `Внесено ${formatArea(rows[0].area_m2)}`,
  )
})
