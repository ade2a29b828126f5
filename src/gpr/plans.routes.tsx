import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDate } from '../lib/format.ts'
import {
  optionalDate,
  optionalDecimal,
  readForm,
  type FieldErrors,
  type FormValues,
} from '../lib/forms.ts'
import { loadProject } from '../projects/load-project.ts'
import type { ProjectWithCustomer } from '../projects/projects.queries.ts'
import { loadFor } from '../auth/load-for.ts'
import { z } from 'zod'
import { workMaterials } from '../reference/lists.ts'

// A project's ГПР plan per material: m² and planned dates. Empty rows fall back to the
// project's planned volume and dates.
export const schedulePlanRoutes = new Hono<AppEnv>()

const row = z
  .object({
    plan: optionalDecimal({ min: 0, max: 1e9 }),
    start: optionalDate(),
    end: optionalDate(),
  })
  .refine((r) => !r.start || !r.end || r.start <= r.end, {
    path: ['end'],
    message: 'Окончание раньше начала',
  })

async function page(
  c: Ctx,
  p: ProjectWithCustomer,
  form?: { values: FormValues; errors: FieldErrors },
) {
  const db = c.get('db')
  const [materials, plans, volumes] = await Promise.all([
    workMaterials(db),
    db
      .selectFrom('schedule_plans')
      .selectAll()
      .where('project_id', '=', p.id)
      .where('deleted_at', 'is', null)
      .execute(),
    db.selectFrom('project_volumes').selectAll().where('project_id', '=', p.id).execute(),
  ])
  const values: FormValues = form?.values ?? {}
  if (!form)
    for (const m of materials) {
      const plan = plans.find((x) => x.material_code === m.code)
      values[`${m.code}_plan`] = plan ? String(plan.plan_m2).replace('.', ',') : ''
      values[`${m.code}_start`] = plan?.start_date ?? ''
      values[`${m.code}_end`] = plan?.end_date ?? ''
    }
  const errors = form?.errors ?? {}
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">План ГПР — {p.code}</h1>
      <p class="text-sm text-slate-600">
        Пустая строка — план из проекта ({formatDate(p.start_date)}–{formatDate(p.end_date)}).
      </p>
      <form method="post" action={`/projects/${p.id}/schedule`} class="card space-y-2">
        {Object.keys(errors).length > 0 && (
          <p role="alert" class="rounded bg-red-50 px-3 py-2 text-red-900">
            Проверьте поля, отмеченные красным.
          </p>
        )}
        <table class="table table-cards">
          <thead>
            <tr>
              <th>Материал</th>
              <th>План, м² (в проекте)</th>
              <th>Начало</th>
              <th>Окончание</th>
            </tr>
          </thead>
          <tbody>
            {materials.map((m) => {
              const vol = volumes.find((v) => v.material === m.code)
              const f = (k: string) => `${m.code}_${k}`
              return (
                <tr>
                  <td data-label="Материал">{m.name}</td>
                  <td data-label="План, м²">
                    <input
                      class={`input ${errors[f('plan')] ? 'input-error' : ''}`}
                      name={f('plan')}
                      value={values[f('plan')] ?? ''}
                      inputmode="decimal"
                      placeholder={vol ? String(vol.plan_m2) : ''}
                      aria-label={`План, м²: ${m.name}`}
                    />
                    {errors[f('plan')] && <p class="field-error">{errors[f('plan')]}</p>}
                  </td>
                  <td data-label="Начало">
                    <input
                      class="input"
                      type="date"
                      name={f('start')}
                      value={values[f('start')] ?? ''}
                      aria-label={`Начало: ${m.name}`}
                    />
                  </td>
                  <td data-label="Окончание">
                    <input
                      class={`input ${errors[f('end')] ? 'input-error' : ''}`}
                      type="date"
                      name={f('end')}
                      value={values[f('end')] ?? ''}
                      aria-label={`Окончание: ${m.name}`}
                    />
                    {errors[f('end')] && <p class="field-error">{errors[f('end')]}</p>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div class="flex gap-2">
          <button class="btn btn-primary" type="submit">
            Сохранить план
          </button>
          <a class="btn" href={`/gpr?project=${p.id}`}>
            К ГПР
          </a>
        </div>
      </form>
    </div>,
    { title: `План ГПР ${p.code}` },
  )
}

schedulePlanRoutes.get('/schedule', async (c) => {
  const { record: p, res } = await loadFor(
    c,
    (c) => loadProject(c, { activeOnly: true }),
    'schedule.write',
  )
  return p ? page(c, p) : res
})

schedulePlanRoutes.post('/schedule', async (c) => {
  const { record: p, res } = await loadFor(
    c,
    (c) => loadProject(c, { activeOnly: true }),
    'schedule.write',
  )
  if (!p) return res
  const db = c.get('db')
  const body = await c.req.parseBody()
  const values: FormValues = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v
  const materials = await db
    .selectFrom('materials')
    .select('code')
    .where('deleted_at', 'is', null)
    .where('is_work', '=', 1)
    .execute()
  const errors: FieldErrors = {}
  const rows: { code: string; plan: number | null; start: string | null; end: string | null }[] = []
  for (const { code } of materials) {
    const r = await readForm(
      { plan: values[`${code}_plan`], start: values[`${code}_start`], end: values[`${code}_end`] },
      row,
    )
    if (!r.ok) for (const [k, m] of Object.entries(r.errors)) errors[`${code}_${k}`] = m
    else rows.push({ code, ...r.data })
  }
  if (Object.keys(errors).length) {
    c.status(422)
    return page(c, p, { values, errors })
  }
  const actor = actorOf(c)
  await db.transaction().execute(async (trx) => {
    const now = nowIso()
    for (const r of rows) {
      if (r.plan == null) {
        await trx
          .deleteFrom('schedule_plans')
          .where('project_id', '=', p.id)
          .where('material_code', '=', r.code)
          .execute()
        continue
      }
      await trx
        .insertInto('schedule_plans')
        .values({
          project_id: p.id,
          material_code: r.code,
          plan_m2: r.plan,
          start_date: r.start,
          end_date: r.end,
          created_at: now,
          updated_at: now,
          created_by: actor.userId,
          updated_by: actor.userId,
        })
        .onConflict((oc) =>
          oc.columns(['project_id', 'material_code']).doUpdateSet((eb) => ({
            plan_m2: r.plan!,
            start_date: r.start,
            end_date: r.end,
            updated_at: now,
            updated_by: actor.userId,
            deleted_at: null,
            version: eb('schedule_plans.version', '+', 1),
          })),
        )
        .execute()
    }
    await audit(trx, actor, {
      action: 'schedule.update',
      entityType: 'project',
      entityId: p.id,
      after: rows,
    })
  })
  return redirectWithFlash(c, `/gpr?project=${p.id}`, 'План ГПР сохранён')
})
