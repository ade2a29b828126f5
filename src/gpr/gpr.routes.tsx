import { Hono } from 'hono'
import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import { customerOptions } from '../customers/customers.queries.ts'
import { moscowToday } from '../documents/state.ts'
import { wantsFragment } from '../lib/flash.ts'
import { PROJECT_STATUSES } from '../projects/projects.schema.ts'
import { ALL_WORKLOG } from '../worklog/worklog.live.tsx'
import { FilterForm } from '../../views/components/FilterForm.tsx'
import { Busy } from '../../views/components/ListStates.tsx'
import { GprGrid } from '../../views/gpr/GprGrid.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { gprMonthChart } from './chart.queries.ts'
import { gprGrid } from './gpr.queries.ts'

const gprQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  customer: z.coerce.number().int().positive().optional().catch(undefined),
  project: z.coerce.number().int().positive().optional().catch(undefined),
  status: z
    .enum(Object.keys(PROJECT_STATUSES) as [string, ...string[]])
    .optional()
    .catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})

// ГПР: the month grid of plan against the work log's fact, live as lines are entered.
export const gprRoutes = new Hono<AppEnv>()

gprRoutes.get('/', zValidator('query', gprQuery), async (c) => {
  const user = userOf(c)
  if (!can(user, 'worklog.read')) return renderError(c, 403)
  const today = moscowToday()
  const q = { ...c.req.valid('query'), month: c.req.valid('query').month ?? today.slice(0, 7) }
  const url = new URL(c.req.url)
  const [grid, chart] = await Promise.all([
    gprGrid(c.get('db'), user, q),
    gprMonthChart(c.get('db'), user, q),
  ])
  const props = {
    ...grid,
    chart,
    query: url.searchParams,
    isFirst: !q.after,
    resyncUrl: url.pathname + url.search,
    today,
    canEnter: can(user, 'schedule.write') && can(user, 'worklog.write'),
    canPlan: can(user, 'projects.write') || can(user, 'schedule.write'),
  }
  if (wantsFragment(c)) return c.html(<GprGrid {...props} />)
  const customers = await customerOptions(c.get('db'))
  const projects = await c
    .get('db')
    .selectFrom('projects')
    .select(['id', 'code', 'short_name'])
    .where(visibleProjects(user))
    .where('deleted_at', 'is', null)
    .orderBy('code')
    .limit(1000)
    .execute()
  return c.render(
    <div class="space-y-3" data-print="wide">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">ГПР — график производства работ</h1>
        <a class="btn" href="/gpr/weekly">
          Еженедельный отчёт
        </a>
      </div>
      <FilterForm action="/gpr" target="#gpr-grid">
        <label class="text-sm">
          Месяц <input class="input sm:w-40" type="month" name="month" value={q.month} />
        </label>
        <select class="input sm:w-56" name="customer" aria-label="Заказчик">
          <option value="">Все заказчики</option>
          {customers.map((cu) => (
            <option value={String(cu.id)} selected={q.customer === cu.id}>
              {cu.name}
            </option>
          ))}
        </select>
        <select class="input sm:w-56" name="project" aria-label="Проект">
          <option value="">Все проекты</option>
          {projects.map((pr) => (
            <option value={String(pr.id)} selected={q.project === pr.id}>
              {pr.code} {pr.short_name}
            </option>
          ))}
        </select>
        <select class="input sm:w-44" name="status" aria-label="Статус">
          <option value="">Все статусы</option>
          {Object.entries(PROJECT_STATUSES).map(([v, l]) => (
            <option value={v} selected={q.status === v}>
              {l}
            </option>
          ))}
        </select>
        <button class="btn" type="submit">
          Показать
        </button>
        <Busy />
      </FilterForm>
      <GprGrid {...props} />
    </div>,
    { title: 'ГПР', streams: [ALL_WORKLOG] },
  )
})
