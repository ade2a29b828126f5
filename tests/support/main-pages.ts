import type { PageWorld } from './page-world.ts'
import { encodeCursor } from '../../src/lib/keyset.ts'

// The main pages as their users open them, with the filters a list is usually asked for; the
// query bounds and the index checks both walk this list. bound: the most queries the page may
// run: its count as written plus two, room for a new panel (an N+1 is caught anyway, as the
// count must not grow with the rows).

export interface Page {
  name: string
  who: (w: PageWorld) => { cookie: string }
  path: (w: PageWorld) => Promise<string> | string
  bound: number
}

// A deep page of a year of the work log, reached through its keyset cursor: after the line
// halfway down that year, as the «Далее» links would lead there.
async function worklogCursor(w: PageWorld) {
  const db = w.t.db.db
  const from = new Date(Date.parse(w.today) - 365 * 86400_000).toISOString().slice(0, 10)
  const year = db.selectFrom('worklog_entries').where('work_date', '>=', from)
  const { n } = await year
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const middle = await year
    .select(['id', 'work_date'])
    .orderBy('work_date', 'desc')
    .orderBy('id', 'desc')
    .offset(Math.floor(Number(n) / 2))
    .limit(1)
    .executeTakeFirstOrThrow()
  const after = encodeCursor([middle.work_date, middle.id])
  return `/worklog?from=${from}&to=${w.today}&after=${after}`
}

const month = (w: PageWorld) => w.today.slice(0, 7)

export const PAGES: Page[] = [
  { name: 'dashboard, director', who: (w) => w.director, path: () => '/', bound: 13 },
  { name: 'dashboard, foreman', who: (w) => w.foreman, path: () => '/', bound: 12 },
  { name: 'projects', who: (w) => w.director, path: () => '/projects', bound: 7 },
  { name: 'projects, foreman', who: (w) => w.foreman, path: () => '/projects', bound: 7 },
  {
    name: 'a project',
    who: (w) => w.director,
    path: (w) => `/projects/${w.main}`,
    bound: 12,
  },
  {
    name: 'documents, searched',
    who: (w) => w.director,
    path: () => `/documents?q=${encodeURIComponent('АОСР')}`,
    bound: 8,
  },
  {
    name: 'remarks, filtered',
    who: (w) => w.director,
    path: (w) => `/remarks?status=open&priority=high&project=${w.main}`,
    bound: 9,
  },
  {
    name: 'remarks, searched',
    who: (w) => w.director,
    path: () => `/remarks?q=${encodeURIComponent('переход')}`,
    bound: 9,
  },
  {
    name: 'work log, first page',
    who: (w) => w.director,
    path: () => '/worklog',
    bound: 10,
  },
  { name: 'work log, foreman', who: (w) => w.foreman, path: () => '/worklog', bound: 10 },
  { name: 'work log, by cursor', who: (w) => w.director, path: worklogCursor, bound: 10 },
  {
    name: 'ГПР month',
    who: (w) => w.director,
    path: (w) => `/gpr?month=${month(w)}`,
    bound: 15,
  },
  { name: 'weekly report', who: (w) => w.director, path: () => '/gpr/weekly', bound: 10 },
  { name: 'warehouse', who: (w) => w.store, path: () => '/stock', bound: 9 },
  { name: 'batches', who: (w) => w.store, path: () => '/stock/batches', bound: 6 },
  {
    name: 'a batch',
    who: (w) => w.store,
    path: (w) => `/stock/batches/${w.card}`,
    bound: 11,
  },
  { name: 'requests', who: (w) => w.store, path: () => '/stock/requests', bound: 7 },
  { name: 'consumption', who: (w) => w.store, path: () => '/stock/consumption', bound: 6 },
  { name: 'users', who: (w) => w.admin, path: () => '/admin/users', bound: 7 },
  { name: 'audit log', who: (w) => w.admin, path: () => '/admin/audit', bound: 7 },
  { name: 'notifications', who: (w) => w.foreman, path: () => '/notifications', bound: 7 },
  { name: 'own timesheet', who: (w) => w.foreman, path: () => '/shifts', bound: 7 },
  {
    name: 'a timesheet of the team',
    who: (w) => w.director,
    path: (w) => `/shifts?user=${w.foreman.id}`,
    bound: 8,
  },
]
