import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'
import { moscowToday } from '../documents/state.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { formatNumber } from '../lib/format.ts'
import { readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { loadProject } from '../projects/load-project.ts'
import type { ProjectWithCustomer } from '../projects/projects.queries.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { EntryForm } from '../../views/worklog/EntryForm.tsx'
import { EntryList, Totals } from '../../views/worklog/WorklogViews.tsx'
import { Busy } from '../../views/components/ListStates.tsx'
import { ALL_WORKLOG, publishEntries, worklogStream } from './worklog.live.tsx'
import { enqueue } from '../jobs/queue.ts'
import { STATEMENT_KIND } from './statement.job.ts'
import { availableBatches } from '../stock/consumption.queries.ts'
import { publishStockChanged } from '../stock/stock.live.tsx'
import { createEntries, listEntries, prepareLines, totals } from './worklog.queries.ts'
import {
  entryHead,
  entryLine,
  LINES_PER_FORM,
  worklogQuery,
  type WorklogQuery,
} from './worklog.schema.ts'
import { activeCrews, activeMarkingTypes, workMaterials } from '../reference/lists.ts'

const monthStart = (today: string) => `${today.slice(0, 8)}01`

async function references(db: Db, userId: number) {
  const [types, materials, crews, mine] = await Promise.all([
    activeMarkingTypes(db),
    workMaterials(db),
    activeCrews(db),
    db
      .selectFrom('crew_members')
      .select('crew_id')
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  ])
  return { types, materials, crews, myCrew: mine?.crew_id ?? null }
}

// The period and filters of a log page, with this month as the default period.
const withPeriod = (q: WorklogQuery, today: string): WorklogQuery => ({
  ...q,
  from: q.from ?? monthStart(today),
  to: q.to ?? today,
})

async function renderLog(
  c: Ctx,
  p: ProjectWithCustomer,
  form?: { values: FormValues; errors: FieldErrors; needsConfirm?: boolean },
) {
  const db = c.get('db')
  const user = userOf(c)
  const today = moscowToday()
  const url = new URL(c.req.url)
  const q = withPeriod(
    { ...worklogQuery.parse(Object.fromEntries(url.searchParams)), project: p.id },
    today,
  )
  const [page, sums, refs, batches, last] = await Promise.all([
    listEntries(db, user, q),
    totals(db, user, q),
    references(db, user.id),
    can(user, 'worklog.write') && can(user, 'stock.read') ? availableBatches(db) : [],
    db
      .selectFrom('worklog_entries')
      .select('material_code')
      .where('project_id', '=', p.id)
      .where('created_by', '=', user.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ])
  const values = form?.values ?? {
    work_date: today,
    crew_id: refs.myCrew ? String(refs.myCrew) : '',
    l0_material_code: last?.material_code ?? '',
  }
  const base = `/projects/${p.id}/worklog`
  return c.render(
    <div class="space-y-4">
      <div>
        <h1 class="text-2xl font-semibold">Журнал работ</h1>
        <a class="link text-sm" href={`/projects/${p.id}`}>
          {p.code} {p.short_name}
        </a>
      </div>
      {can(user, 'worklog.write') && (
        <EntryForm
          action={base}
          form={{ values, errors: form?.errors ?? {} }}
          types={refs.types}
          materials={refs.materials}
          crews={refs.crews}
          batches={batches}
          needsConfirm={!!form?.needsConfirm}
        />
      )}
      <form
        method="post"
        action={`${base}/statement`}
        class="no-print flex flex-wrap items-end gap-2"
        hx-disabled-elt="find button"
      >
        <label class="text-sm">
          с <input class="input sm:w-40" type="date" name="from" value={q.from} />
        </label>
        <label class="text-sm">
          по <input class="input sm:w-40" type="date" name="to" value={q.to} />
        </label>
        <button class="btn" type="submit">
          Ведомость объемов работ (Excel)
        </button>
      </form>
      <Totals rows={sums} resyncUrl={`${base}/totals${url.search}`} />
      <EntryList
        {...page}
        query={url.searchParams}
        isFirst={!q.after}
        resyncUrl={url.pathname + url.search}
        showProject={false}
        createHref={can(user, 'worklog.write') ? '#entry-form' : undefined}
      />
    </div>,
    { title: `Журнал работ ${p.code}`, streams: [worklogStream(p.id)] },
  )
}

// A project's log: /projects/:id/worklog (mounted at /projects/:id).
export const projectWorklogRoutes = new Hono<AppEnv>()

async function readable(c: Ctx) {
  if (!can(userOf(c), 'worklog.read')) return null
  return loadProject(c, { activeOnly: true })
}

projectWorklogRoutes.get('/worklog', async (c) => {
  const p = await readable(c)
  if (!p) return renderError(c, 404)
  if (wantsFragment(c)) {
    const q = withPeriod({ ...worklogQuery.parse(c.req.query()), project: p.id }, moscowToday())
    const url = new URL(c.req.url)
    return c.html(
      <EntryList
        {...await listEntries(c.get('db'), userOf(c), q)}
        query={url.searchParams}
        isFirst={!q.after}
        resyncUrl={url.pathname + url.search}
        showProject={false}
        createHref={can(userOf(c), 'worklog.write') ? '#entry-form' : undefined}
      />,
    )
  }
  return renderLog(c, p)
})

projectWorklogRoutes.get('/worklog/totals', async (c) => {
  const p = await readable(c)
  if (!p) return renderError(c, 404)
  const url = new URL(c.req.url)
  const q = withPeriod({ ...worklogQuery.parse(c.req.query()), project: p.id }, moscowToday())
  return c.html(
    <Totals rows={await totals(c.get('db'), userOf(c), q)} resyncUrl={url.pathname + url.search} />,
  )
})

// Several lines of one day at once. A foreman writes only for projects he was given (404
// otherwise); lines left empty are skipped; absurd values are refused or need a confirmation.
projectWorklogRoutes.post('/worklog', async (c) => {
  const p = await readable(c)
  if (!p) return renderError(c, 404)
  if (!can(userOf(c), 'worklog.write')) return renderError(c, 403)
  const body = await c.req.parseBody()
  const head = await readForm(body, entryHead)
  const values = head.values
  const errors: FieldErrors = head.ok ? {} : { ...head.errors }
  const lines: { index: number; line: import('./worklog.schema.ts').EntryLine }[] = []
  for (let i = 0; i < LINES_PER_FORM; i++) {
    const raw: Record<string, string> = {}
    for (const k of [
      'material_code',
      'marking_type_id',
      'width',
      'metres',
      'pieces',
      'notes',
      'batch_id',
    ])
      raw[k] = values[`l${i}_${k}`] ?? ''
    if (!raw.marking_type_id && !raw.metres && !raw.pieces) continue // an empty line
    const line = await readForm(raw, entryLine)
    if (line.ok) lines.push({ index: i, line: line.data })
    else for (const [k, m] of Object.entries(line.errors)) errors[`l${i}_${k}`] = m
  }
  if (!lines.length && !Object.keys(errors).length)
    errors._form = 'Заполните хотя бы одну строку: тип разметки и длину или количество'
  if (!head.ok || Object.keys(errors).length) {
    c.status(422)
    return renderLog(c, p, {
      values,
      errors: { _form: errors._form ?? 'Проверьте поля, отмеченные красным.', ...errors },
    })
  }
  const prepared = await prepareLines(c.get('db'), head.data, lines, moscowToday())
  if (Object.keys(prepared.errors).length) {
    c.status(422)
    return renderLog(c, p, {
      values,
      errors: { _form: 'Проверьте поля, отмеченные красным.', ...prepared.errors },
      needsConfirm: prepared.needsConfirm,
    })
  }
  const rows = await createEntries(c.get('db'), actorOf(c), p.id, prepared.entries)
  await publishEntries(
    c.get('deps').live,
    p.id,
    rows.map((r) => r.id),
  )
  const area = rows.reduce((s, r) => s + r.area_m2, 0)
  const flash = `Записано строк: ${rows.length}, ${formatNumber(area)} м²`
  // A line that names a batch offers its consumption: straight to the confirmation if one may.
  if (rows.some((r) => r.batch_id)) {
    await publishStockChanged(c.get('deps').live)
    if (can(userOf(c), 'stock.consume'))
      return redirectWithFlash(
        c,
        `/stock/consumption?project=${p.id}`,
        `${flash}. Подтвердите расход материала со склада`,
      )
  }
  return redirectWithFlash(c, `/projects/${p.id}/worklog`, flash)
})

// «Ведомость объемов работ» for the project and the period shown: built in the background.
projectWorklogRoutes.post('/worklog/statement', async (c) => {
  const p = await readable(c)
  if (!p) return renderError(c, 404)
  const body = await c.req.parseBody()
  const q = withPeriod(worklogQuery.parse({ from: body.from, to: body.to }), moscowToday())
  const id = await enqueue(c.get('db'), actorOf(c), STATEMENT_KIND, {
    projectId: p.id,
    from: q.from,
    to: q.to,
  })
  return c.redirect(`/jobs/${id}`, 303)
})

// Every project one may see: /worklog with period, project, crew and material filters.
export const worklogRoutes = new Hono<AppEnv>()

worklogRoutes.get('/', zValidator('query', worklogQuery), async (c) => {
  const user = userOf(c)
  if (!can(user, 'worklog.read')) return renderError(c, 403)
  const db = c.get('db')
  const q = withPeriod(c.req.valid('query'), moscowToday())
  const url = new URL(c.req.url)
  // The next page (htmx) is the list alone: no totals, which would sum the whole period again.
  if (wantsFragment(c))
    return c.html(
      <EntryList
        {...await listEntries(db, user, q)}
        query={url.searchParams}
        isFirst={!q.after}
        resyncUrl={url.pathname + url.search}
        showProject
      />,
    )
  const [page, sums, projects, refs] = await Promise.all([
    listEntries(db, user, q),
    totals(db, user, q),
    db
      .selectFrom('projects')
      .select(['id', 'code', 'short_name'])
      .where(visibleProjects(user))
      .where('deleted_at', 'is', null)
      .orderBy('code')
      .limit(1000)
      .execute(),
    references(db, user.id),
  ])
  const list = {
    ...page,
    query: url.searchParams,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
    showProject: true,
  }
  // Where a foreman enters today's work: his last projects first, then the others he was given.
  const recent = can(user, 'worklog.write')
    ? await db
        .selectFrom('worklog_entries')
        .select(['project_id', (eb) => eb.fn.max('id').as('last')])
        .where('created_by', '=', user.id)
        .groupBy('project_id')
        .orderBy('last', 'desc')
        .limit(6)
        .execute()
    : []
  const order = new Map(recent.map((r, i) => [r.project_id, i]))
  const quick = can(user, 'worklog.write')
    ? [...projects].sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99)).slice(0, 6)
    : []
  return c.render(
    <div class="space-y-4">
      <h1 class="text-2xl font-semibold">Журнал работ</h1>
      {quick.length > 0 && (
        <nav class="no-print flex flex-wrap gap-2" aria-label="Внести объёмы">
          <span class="self-center text-sm text-slate-600">Внести объёмы:</span>
          {quick.map((p) => (
            <a class="btn" href={`/projects/${p.id}/worklog`}>
              {p.code} {p.short_name}
            </a>
          ))}
        </nav>
      )}
      <form
        method="get"
        action="/worklog"
        class="no-print grid grid-cols-1 gap-2 sm:flex sm:flex-wrap sm:items-end"
      >
        <label class="text-sm">
          с <input class="input sm:w-40" type="date" name="from" value={q.from} />
        </label>
        <label class="text-sm">
          по <input class="input sm:w-40" type="date" name="to" value={q.to} />
        </label>
        <select class="input sm:w-56" name="project" aria-label="Проект">
          <option value="">Все проекты</option>
          {projects.map((p) => (
            <option value={String(p.id)} selected={q.project === p.id}>
              {p.code} {p.short_name}
            </option>
          ))}
        </select>
        <select class="input sm:w-44" name="crew" aria-label="Бригада">
          <option value="">Все бригады</option>
          {refs.crews.map((cr) => (
            <option value={String(cr.id)} selected={q.crew === cr.id}>
              {cr.name}
            </option>
          ))}
        </select>
        <select class="input sm:w-40" name="material" aria-label="Материал">
          <option value="">Все материалы</option>
          {refs.materials.map((m) => (
            <option value={m.code} selected={q.material === m.code}>
              {m.short_name}
            </option>
          ))}
        </select>
        <button class="btn" type="submit">
          Показать
        </button>
        <Busy />
      </form>
      <Totals rows={sums} resyncUrl={`/worklog/totals${url.search}`} />
      <EntryList {...list} createHref={quick[0] && `/projects/${quick[0].id}/worklog#entry-form`} />
    </div>,
    { title: 'Журнал работ', streams: [ALL_WORKLOG] },
  )
})

worklogRoutes.get('/totals', zValidator('query', worklogQuery), async (c) => {
  const user = userOf(c)
  if (!can(user, 'worklog.read')) return renderError(c, 403)
  const url = new URL(c.req.url)
  const q = withPeriod(c.req.valid('query'), moscowToday())
  return c.html(
    <Totals rows={await totals(c.get('db'), user, q)} resyncUrl={url.pathname + url.search} />,
  )
})
