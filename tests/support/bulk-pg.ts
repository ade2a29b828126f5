import { sql } from 'kysely'
import type { Db } from '../../src/db/connect.ts'

// Years of a company's rows, written by PostgreSQL itself (INSERT … SELECT generate_series),
// so the planner sees tables of the size where a missing index shows: ten times the issue's
// company in projects, users and customers, tens of thousands of rows in every list's table.
// The rows are spread over all projects, people and dates, as real ones are; ANALYZE at the end.

export const BULK = {
  projects: 3000,
  users: 2000,
  customers: 1000,
  members: 9000,
  documents: 25_000,
  movements: 25_000,
  remarks: 20_000,
  events: 25_000,
  worklog: 30_000,
  batches: 20_000,
  stockMovements: 25_000,
  requests: 20_000,
  audit: 25_000,
  notifications: 25_000,
  shifts: 20_000,
}

// One of the ids of a table, picked by the series number: arrays keep the pick cheap.
const pick = (arr: string, g = 'g') => `${arr}[1 + (${g} % array_length(${arr}, 1))]`
const DAYS = `(current_date - date '2023-01-01')` // from the first year of data to today
const day = (g = 'g') => `date '2023-01-01' + (${g} % ${DAYS})`
// Work of the last two months is still in progress; older work is finished, all but a few
// forgotten rows (1 in 97) that the overdue lists exist to find.
const recent = `(g % ${DAYS}) >= ${DAYS} - 60`
const inProgress = (states: string, finished: string) =>
  `case when ${recent} then (array[${states}])[1 + g % ${states.split(',').length}]
    when g % 97 = 0 then (array[${states}])[1] else (array[${finished}])[1 + g % ${finished.split(',').length}] end`

export async function seedBulk(db: Db) {
  const run = (text: string) => sql.raw(text).execute(db)
  const b = BULK
  const ids = (table: string, extra = '') =>
    `(select array_agg(id order by id) as ids from ${table} ${extra})`
  await run(`
    insert into customers (name, inn, search, created_at, updated_at)
    select 'ГКУ «Дирекция дорог» № ' || g, lpad(g::text, 10, '7'), 'гку дирекция дорог ' || g, now(), now()
    from generate_series(1, ${b.customers}) g`)
  await run(`
    insert into users (login, full_name, role, password_hash, search, department, created_at, updated_at)
    select 'bulk' || g, 'Сотрудников Сотрудник ' || g,
      (array['foreman','site_chief','pto_engineer','viewer','inspector','project_manager'])[1 + g % 6],
      'x', 'сотрудников сотрудник ' || g, 'Участок № ' || (g % 20), now(), now()
    from generate_series(1, ${b.users}) g`)
  await run(`
    insert into projects (contractor, customer_id, name, short_name, code, start_date, end_date,
      length_km, status, search, created_at, updated_at)
    select 'ООО «Строд»', ${pick('c.ids')},
      'Нанесение разметки на дороге Р-' || g, 'Р-' || g || ' км ' || (g % 300), 'Б-' || lpad(g::text, 5, '0'),
      ${day('g * 7')}, ${day('g * 7')} + 120, 10 + g % 40,
      (array['active','active','planned','completed','suspended'])[1 + g % 5],
      'р-' || g, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval
    from generate_series(1, ${b.projects}) g, ${ids('customers')} c`)
  const projects = `(select array_agg(id order by id) as ids from projects where code like 'Б-%')`
  const users = `(select array_agg(id order by id) as ids from users where login like 'bulk%')`
  await run(`
    insert into project_members (project_id, user_id, created_at)
    select ${pick('p.ids')}, ${pick('u.ids', 'g / 3')}, now()
    from generate_series(1, ${b.members}) g, ${projects} p, ${users} u
    on conflict do nothing`)
  await run(`
    insert into project_volumes (project_id, material, plan_m2)
    select id, 'tp', 1000 + id % 5000 from projects where code like 'Б-%'`)
  await run(`
    insert into schedule_plans (project_id, material_code, plan_m2, start_date, end_date, created_at, updated_at)
    select id, 'tp', 800 + id % 4000, start_date, end_date, now(), now()
    from projects where code like 'Б-%' and id % 2 = 0`)
  await run(`
    insert into documents (project_id, type_id, number, title, doc_date, sheets, state, recipient,
      shipped_on, returned_on, search, created_at, updated_at)
    select ${pick('p.ids')}, ${pick('t.ids')}, 'Д-' || g, 'Акт освидетельствования скрытых работ № ' || g,
      ${day()}, 1 + g % 9, d.state, case when d.state <> 'in_office' then 'Технадзор заказчика' end,
      case when d.state <> 'in_office' then ${day()} + 3 end,
      case when d.state = 'returned' then ${day()} + 20 end,
      'д-' || g || ' акт освидетельствования скрытых работ', now(), now()
    from generate_series(1, ${b.documents}) g, ${projects} p, ${ids('document_types')} t,
      lateral (select ${inProgress("'shipped','in_office','returned'", "'returned'")} as state) d`)
  await run(`
    insert into document_movements (document_id, kind, on_date, recipient, method, created_at)
    select ${pick('d.ids')}, case when g % 2 = 0 then 'shipment' else 'return' end, ${day()},
      'Технадзор заказчика', 'hand', now()
    from generate_series(1, ${b.movements}) g, ${ids('documents')} d`)
  await run(`
    insert into remarks (project_id, seq, number, title, location, priority, status, assignee_id,
      deadline, closed_at, search, created_at, updated_at)
    select ${pick('p.ids')}, 100000 + g, 'З-' || g, 'Ширина линии меньше нормы ' || g, 'км ' || g % 300,
      (array['low','normal','high','critical'])[1 + g % 4], r.status, ${pick('u.ids')},
      ${day()} + 14,
      case when r.status in ('closed', 'rejected') then r.at + ((g % 20) || ' days')::interval end,
      'з-' || g || ' ширина линии меньше нормы', r.at, r.at
    from generate_series(1, ${b.remarks}) g, ${projects} p, ${users} u,
      lateral (select ${inProgress("'in_progress','new','fixed','verified','closed','rejected'", "'closed','closed','rejected'")} as status,
        (${day()})::timestamptz + interval '9 hours' as at) r`)
  await run(`
    insert into remark_events (remark_id, kind, to_status, comment, user_id, user_name, at)
    select ${pick('r.ids')}, case when g % 2 = 0 then 'status' else 'comment' end, 'in_progress',
      'Выехали на место', ${pick('u.ids')}, 'Сотрудников С.', now() - (g || ' minutes')::interval
    from generate_series(1, ${b.events}) g, ${ids('remarks')} r, ${users} u`)
  await run(`
    insert into worklog_entries (project_id, work_date, section, material_code, crew_id,
      marking_type_id, lines, fill_ratio, metres, area_m2, source, created_at, updated_at, created_by)
    select ${pick('p.ids')}, ${day()}, 'км ' || g % 300, ${pick('m.codes')}, ${pick('c.ids')},
      ${pick('t.ids')}, 1, 1, 100 + g % 900, (100 + g % 900) * 0.1, 'log', now(), now(), ${pick('u.ids')}
    from generate_series(1, ${b.worklog}) g, ${projects} p, ${users} u, ${ids('crews')} c,
      ${ids('marking_types')} t, (select array_agg(code order by code) as codes from materials) m`)
  await run(`
    insert into stock_batches (number, material_id, warehouse_id, manufacturer, received_on,
      received_qty, in_store, on_site, expires_on, search, created_at, updated_at)
    select 'П-' || g, ${pick('m.ids')}, ${pick('w.ids')}, 'ООО «Технолайн»', ${day()}, 1000,
      case when ${recent} or g % 97 = 0 then 1000 - g % 1000 else 0 end,
      case when ${recent} or g % 97 = 0 then g % 300 else 0 end, ${day()} + 365, 'п-' || g, now(), now()
    from generate_series(1, ${b.batches}) g, ${ids('materials')} m, ${ids('warehouses')} w`)
  await run(`
    insert into stock_movements (batch_id, kind, quantity, store_delta, site_delta, project_id,
      moved_on, created_at)
    select ${pick('s.ids')}, 'issue', 10, -10, 10, ${pick('p.ids')}, ${day()}, now()
    from generate_series(1, ${b.stockMovements}) g, ${ids('stock_batches')} s, ${projects} p`)
  await run(`
    insert into material_requests (project_id, material_id, quantity, needed_by, status, source,
      created_at, updated_at, created_by)
    select ${pick('p.ids')}, ${pick('m.ids')}, 100 + g % 900, ${day()},
      ${inProgress("'pending','approved','rejected','fulfilled'", "'fulfilled','fulfilled','rejected','cancelled'")}, 'user',
      now() - (g || ' minutes')::interval, now(), ${pick('u.ids')}
    from generate_series(1, ${b.requests}) g, ${projects} p, ${ids('materials')} m, ${users} u`)
  await run(`
    insert into audit_log (at, user_id, action, entity_type, entity_id, after)
    select now() - (g || ' minutes')::interval, ${pick('u.ids')}, 'project.update', 'project',
      (g % 3000)::text, '{"short_name":"Р-1"}'::jsonb
    from generate_series(1, ${b.audit}) g, ${users} u`)
  await run(`
    insert into notifications (user_id, kind, title, href, created_at, read_at)
    select ${pick('u.ids')}, 'remark.assigned', 'Вам назначено замечание З-' || g, '/remarks/' || g,
      now() - (g || ' minutes')::interval, case when g % 4 > 0 then now() end
    from generate_series(1, ${b.notifications}) g, ${users} u`)
  await run(`
    insert into work_sessions (user_id, started_at, ended_at, created_at, updated_at)
    select ${pick('u.ids')}, now() - ((g + 8) || ' hours')::interval, now() - (g || ' hours')::interval,
      now(), now()
    from generate_series(1, ${b.shifts}) g, ${users} u`)
  // As autovacuum would after a bulk load: statistics, and GIN indexes' pending lists merged.
  await run('vacuum analyze')
}
