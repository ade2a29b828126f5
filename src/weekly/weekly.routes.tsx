import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can } from '../auth/current-user.ts'
import { moscowToday } from '../documents/state.ts'
import { enqueue } from '../jobs/queue.ts'
import { formatDate, formatDateTime } from '../lib/format.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { History, WeekTable } from '../../views/weekly/WeeklyViews.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { WEEKLY_PDF_KIND, WEEKLY_XLSX_KIND, weeklyTitle } from './kinds.ts'
import { addDays, isIsoDate, mondayOf, weekEndOf } from './week.ts'
import { computeWeek, findReport, issueWeeklyReport, listReports } from './weekly.queries.ts'
import { noDoubleSubmit } from '../../views/components/ListStates.tsx'

// A date typed in the form, any day of the week; the week is the one it falls in.
const weekParam = z
  .string()
  .trim()
  .refine(isIsoDate)
  .transform(mondayOf)
  .optional()
  .catch(undefined)

const pageQuery = z.object({
  week: weekParam,
  after: z.string().max(500).optional().catch(undefined),
})

const readable = (c: Ctx) => can(userOf(c), 'worklog.read')

// The weekly report of the ГПР (/gpr/weekly): a preview of any week, issued by the director as
// a snapshot that a later change of the log does not alter, a history, XLSX and PDF exports.
export const weeklyRoutes = new Hono<AppEnv>()

weeklyRoutes.get('/', zValidator('query', pageQuery), async (c) => {
  if (!readable(c)) return renderError(c, 403)
  const db = c.get('db')
  const q = c.req.valid('query')
  const url = new URL(c.req.url)
  const history = await listReports(db, q.after)
  const historyView = (
    <History
      {...history}
      query={url.searchParams}
      isFirst={!q.after}
      weekEnd={weekEndOf}
      mayIssue={can(userOf(c), 'reports.weekly')}
    />
  )
  if (wantsFragment(c)) return c.html(historyView)
  const monday = q.week ?? mondayOf(moscowToday())
  const week = await computeWeek(db, monday)
  const mayIssue = can(userOf(c), 'reports.weekly')
  const shift = (n: number) => `/gpr/weekly?week=${addDays(monday, n)}`
  return c.render(
    <div class="space-y-4">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h1 class="text-2xl font-semibold">Еженедельный отчёт ГПР</h1>
        <a class="link no-print text-sm" href="/gpr">
          ← ГПР
        </a>
      </div>
      <form method="get" action="/gpr/weekly" class="no-print flex flex-wrap items-end gap-2">
        <label class="text-sm">
          Начало недели{' '}
          <input class="input sm:w-44" type="date" name="week" value={monday} required />
        </label>
        <button class="btn" type="submit">
          Показать
        </button>
        <a class="btn" href={shift(-7)}>
          ← Предыдущая
        </a>
        <a class="btn" href={shift(7)}>
          Следующая →
        </a>
      </form>
      <section class="card space-y-3" id="weekly-preview">
        <h2 class="font-semibold">
          Предварительный расчёт: неделя {formatDate(week.weekStart)} — {formatDate(week.weekEnd)}
        </h2>
        <p class="text-sm text-slate-600">
          Цифры считаются сейчас по ГПР и журналу работ; выпущенный отчёт сохраняет их и больше не
          меняется.
        </p>
        <WeekTable id="weekly-preview-table" rows={week.rows} totals={week.totals} />
        {week.undated > 0 && (
          <p class="text-sm text-amber-700">
            Строк плана без сроков начала и окончания: {week.undated} — они не распределены по
            неделям и в план недели не вошли.
          </p>
        )}
        {mayIssue ? (
          <form {...noDoubleSubmit} method="post" action="/gpr/weekly" class="no-print">
            <input type="hidden" name="week" value={week.weekStart} />
            <button class="btn btn-primary" type="submit">
              Выпустить отчёт за эту неделю
            </button>
          </form>
        ) : (
          <p class="text-sm text-slate-500">Выпускает отчёт исполнительный директор.</p>
        )}
      </section>
      {historyView}
    </div>,
    { title: 'Еженедельный отчёт ГПР' },
  )
})

weeklyRoutes.post('/', async (c) => {
  if (!can(userOf(c), 'reports.weekly')) return renderError(c, 403)
  const body = await c.req.parseBody()
  const week = weekParam.parse(typeof body.week === 'string' ? body.week : undefined)
  if (!week) return redirectWithFlash(c, '/gpr/weekly', 'Укажите дату начала недели')
  const { id } = await issueWeeklyReport(c.get('db'), actorOf(c), week)
  return redirectWithFlash(
    c,
    `/gpr/weekly/${id}`,
    `Отчёт за неделю ${formatDate(week)} — ${formatDate(weekEndOf(week))} выпущен`,
  )
})

async function loadReport(c: Ctx) {
  if (!readable(c)) return null
  return findReport(c.get('db'), Number(c.req.param('id')))
}

weeklyRoutes.get('/:id{[0-9]+}', async (c) => {
  if (!readable(c)) return renderError(c, 403)
  const r = await loadReport(c)
  if (!r) return renderError(c, 404)
  const title = weeklyTitle(r)
  return c.render(
    <div class="space-y-4">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h1 class="text-2xl font-semibold">{title}</h1>
        <a class="link no-print text-sm" href={`/gpr/weekly?week=${r.week_start}`}>
          ← Все отчёты
        </a>
      </div>
      <p class="text-sm text-slate-600">
        Отчёт № {r.id}. Выпущен {formatDateTime(r.created_at)}
        {r.creator_name ? `, ${r.creator_name}` : ''}. Цифры сохранены на момент выпуска.
      </p>
      <section class="card">
        <WeekTable id="weekly-report-table" rows={r.rows} totals={r.totals} />
      </section>
      <div class="no-print flex flex-wrap gap-2">
        <form method="post" action={`/gpr/weekly/${r.id}/export/xlsx`}>
          <button class="btn" type="submit">
            Скачать Excel
          </button>
        </form>
        <form method="post" action={`/gpr/weekly/${r.id}/export/pdf`}>
          <button class="btn" type="submit">
            Скачать PDF
          </button>
        </form>
      </div>
    </div>,
    { title: `Еженедельный отчёт № ${r.id}` },
  )
})

weeklyRoutes.post('/:id{[0-9]+}/export/:format{xlsx|pdf}', async (c) => {
  if (!readable(c)) return renderError(c, 403)
  const r = await loadReport(c)
  if (!r) return renderError(c, 404)
  const kind = c.req.param('format') === 'pdf' ? WEEKLY_PDF_KIND : WEEKLY_XLSX_KIND
  const id = await enqueue(c.get('db'), actorOf(c), kind, { reportId: r.id })
  return c.redirect(`/jobs/${id}`, 303)
})
