// The data set of the scale benchmark: years of a real company's work, loaded in bulk.
// Every row is made by INSERT … SELECT over a number series (generate_series on PostgreSQL, a
// recursive CTE on SQLite), in one transaction, with values that satisfy every constraint of
// migrations/: unique codes and per-project remark numbers (their counters moved on), document
// states that match their movements, batch balances that are the sum of their ledger.
// Spread: dates over three years up to this month, skewed towards a few big projects, and one
// busiest project with a dense current month (the ГПР grid's worst case).
import { performance } from 'node:perf_hooks'
import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../src/db/connect.ts'
import type { BenchDb } from '../lib/bench-db.ts'

// Row counts at --scale=1 (the issue's minimum sizes).
export const SIZES = {
  projects: 60, // on top of the fixtures' 253, whatever the scale
  users: 200, // whatever the scale
  worklog: 500_000,
  documents: 50_000, // × 3 movements on average
  remarks: 30_000, // × 5 history rows
  batches: 20_000, // × 10 stock movements
}
export const BUSY_SHARE = { worklog: 0.1, documents: 0.2, remarks: 0.2 } // of the busiest project
const BASE_DAY = '2023-12-01' // three years of dates, up to the day before the run
const SPAN_DAYS = 1090

export interface ScaleData {
  busiestProjectId: number
  busiestMonth: string // YYYY-MM: the dense month of the busiest project
  projectIds: { min: number; max: number }
  userIds: number[] // the generated users (members of the busiest project and ten others)
  counts: Record<string, number> // rows per table after loading
  seconds: number
}

type Sql = RawBuilder<unknown>

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(iso + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10)

// Dialect pieces: the series of integers 1..n as a FROM item `s(i)`, and date arithmetic.
function dialect(pg: boolean) {
  return {
    series: (n: number, alias = 's', col = 'i'): Sql =>
      pg
        ? sql`generate_series(1::bigint, ${sql.lit(n)}::bigint) as ${sql.raw(alias)}(${sql.raw(col)})`
        : sql.raw(
            `(with recursive r(x) as (select 1 union all select x + 1 from r where x < ${n}) ` +
              `select x as ${col} from r) as ${alias}`,
          ),
    // BASE_DAY + n days, as a date value
    day: (n: Sql): Sql =>
      pg
        ? sql`(date ${sql.lit(BASE_DAY)} + (${n})::int)`
        : sql`date(${sql.lit(BASE_DAY)}, (${n}) || ' days')`,
    date: (iso: string): Sql => (pg ? sql`date ${sql.lit(iso)}` : sql.lit(iso)),
    addDays: (d: Sql, n: Sql): Sql =>
      pg ? sql`(${d} + (${n})::int)` : sql`date(${d}, (${n}) || ' days')`,
    // a timestamp n minutes after BASE_DAY 06:00 UTC, stored as the app stores it
    at: (n: Sql): Sql =>
      pg
        ? sql`(timestamptz ${sql.lit(BASE_DAY + 'T06:00:00Z')} + (${n}) * interval '1 minute')`
        : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.lit(BASE_DAY + 'T06:00:00')}, (${n}) || ' minutes')`,
    // a date as the start of that day, as a timestamp
    dayStart: (d: Sql): Sql =>
      pg ? sql`(${d})::timestamptz` : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${d})`,
  }
}

// CASE over a list: pick(i, ['a','b']) → the (i mod 2)-th value.
const pick = (i: Sql, values: (string | number)[]): Sql =>
  sql`(case (${i}) % ${sql.lit(values.length)} ${sql.join(
    values.map((v, k) => sql`when ${sql.lit(k)} then ${sql.lit(v)}`),
    sql` `,
  )} end)`

// A deterministic, skewed project index in [0, count): many rows for a few projects, a few for
// most. h is a scrambled 0..10006; its square pushes the mass towards 0.
const skewed = (i: Sql, count: number): Sql =>
  sql`((((${i}) * 7919) % 10007) * (((${i}) * 7919) % 10007) / 10007) * ${sql.lit(count)} / 10007`

export async function generateScale(
  bench: BenchDb,
  scale: number,
  log: (s: string) => void,
): Promise<ScaleData> {
  const t0 = performance.now()
  const db = bench.handle.db
  const pg = bench.kind === 'postgres'
  const d = dialect(pg)
  const n = (k: keyof typeof SIZES) =>
    k === 'projects' || k === 'users' ? SIZES[k] : Math.max(100, Math.round(SIZES[k] * scale))
  const today = new Date().toISOString().slice(0, 10)
  const busiestMonth = today.slice(0, 7)
  const author = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('login', '=', 'bench.author')
    .executeTakeFirstOrThrow()
  const by = sql.lit(author.id)

  const step = async (name: string, fn: (trx: Db) => Promise<unknown>) => {
    const t = performance.now()
    await db.transaction().execute(fn)
    log(`    ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }

  // Projects: codes S-0001…, customers of the demo, statuses of a real portfolio.
  const customers = (await db.selectFrom('customers').select('id').execute()).map((r) => r.id)
  await step(`${n('projects')} projects`, (trx) =>
    sql`insert into projects (contractor, customer_id, name, short_name, code, contract_number,
        length_km, start_date, end_date, status, search, version, created_at, created_by,
        updated_at, updated_by)
      select 'ООО «Строд-Сервис»', ${pick(sql`s.i`, customers)},
        'Разметка автодороги, участок ' || s.i, 'Участок S-' || s.i, 'S-' || (10000 + s.i),
        'S-' || s.i || '/ДР', 5 + s.i % 40, ${d.day(sql`(s.i * 17) % 900`)},
        ${d.day(sql`(s.i * 17) % 900 + 150`)},
        ${pick(sql`s.i`, ['active', 'active', 'completed', 'planned', 'suspended'])},
        'разметка автодороги, участок ' || s.i || ' участок s-' || s.i || ' s-' || (10000 + s.i),
        1, ${d.at(sql`s.i`)}, ${by}, ${d.at(sql`s.i`)}, ${by}
      from ${d.series(n('projects'))}`.execute(trx),
  )
  const projects = await db
    .selectFrom('projects')
    .select(['id'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  const minId = projects[0].id
  const maxId = projects[projects.length - 1].id
  if (maxId - minId + 1 !== projects.length)
    throw new Error(`project ids are not contiguous: ${projects.length} in ${minId}..${maxId}`)
  const pcount = projects.length
  const busiest = (await db
    .selectFrom('projects')
    .select('id')
    .where('code', '=', 'S-10001')
    .executeTakeFirstOrThrow())!.id
  await db
    .updateTable('projects')
    .set({
      status: 'active',
      start_date: `${today.slice(0, 4)}-01-01`,
      end_date: `${today.slice(0, 4)}-12-31`,
    })
    .where('id', '=', busiest)
    .execute()
  // The project of row i: the busiest for the first share of rows, skewed among all after.
  const projectOf = (i: Sql, busyRows: number) =>
    sql`(case when ${i} <= ${sql.lit(busyRows)} then ${sql.lit(busiest)} else ${sql.lit(minId)} + ${skewed(i, pcount)} end)`

  // Users: a realistic mix of roles; each one a member of the busiest project and ten others.
  const roles = [
    'project_manager',
    'site_chief',
    'pto_engineer',
    'foreman',
    'foreman',
    'storekeeper',
    'inspector',
    'viewer',
  ]
  await step(`${n('users')} users and their memberships`, async (trx) => {
    await sql`insert into users (login, full_name, role, password_hash, search, version,
        created_at, updated_at, department)
      select 'scale.' || s.i, 'Сотрудник Номер' || s.i, ${pick(sql`s.i`, roles)},
        ${author.password_hash}, 'scale.' || s.i || ' сотрудник номер' || s.i, 1,
        ${d.at(sql`s.i`)}, ${d.at(sql`s.i`)}, ${pick(sql`s.i`, ['Участок 1', 'Участок 2', 'ПТО', 'Склад'])}
      from ${d.series(n('users'))}`.execute(trx)
    await sql`insert into project_members (project_id, user_id, created_at, created_by)
      select case when k.j = 1 then ${sql.lit(busiest)}
                  else ${sql.lit(minId)} + (u.id * 31 + k.j * 17) % ${sql.lit(pcount)} end,
        u.id, ${d.at(sql`k.j`)}, ${by}
      from users u cross join ${d.series(11, 'k', 'j')}
      where u.login like 'scale.%'
        and (k.j = 1 or ${sql.lit(minId)} + (u.id * 31 + k.j * 17) % ${sql.lit(pcount)} <> ${sql.lit(busiest)})`.execute(
      trx,
    )
  })
  const userIds = (
    await db
      .selectFrom('users')
      .select('id')
      .where('login', 'like', 'scale.%')
      .orderBy('id')
      .execute()
  ).map((r) => r.id)

  // Work log: lines of every working day, plus the busiest project's dense current month.
  const types = await db.selectFrom('marking_types').select(['id']).orderBy('id').execute()
  const materials = (
    await db
      .selectFrom('materials')
      .select('code')
      .where('is_work', '=', 1)
      .orderBy('sort_order')
      .execute()
  ).map((r) => r.code)
  const crews = (await db.selectFrom('crews').select('id').execute()).map((r) => r.id)
  const crew = crews.length ? pick(sql`s.i`, crews) : sql`null`
  const monthStart = `${busiestMonth}-01`
  const monthDays = Math.max(1, Number(today.slice(8, 10)))
  const wl = n('worklog')
  const dense = Math.round(wl * BUSY_SHARE.worklog * 0.3) // of the busiest share, in this month
  await step(`${wl} work-log lines`, (trx) =>
    sql`insert into worklog_entries (project_id, work_date, section, material_code, crew_id,
        marking_type_id, width_m, lines, fill_ratio, metres, area_m2, notes, source,
        version, created_at, created_by, updated_at, updated_by)
      select ${projectOf(sql`s.i`, Math.round(wl * BUSY_SHARE.worklog))},
        case when s.i <= ${sql.lit(dense)}
          then ${d.addDays(d.date(monthStart), sql`s.i % ${sql.lit(monthDays)}`)}
          else ${d.day(sql`(s.i * 7) % ${sql.lit(SPAN_DAYS)}`)} end,
        'км ' || (s.i % 40) || '+' || (s.i % 10) || '00', ${pick(sql`s.i`, materials)}, ${crew},
        ${pick(
          sql`s.i / 3`,
          types.map((t) => t.id),
        )}, 0.15, 1, 1, 50 + s.i % 450,
        (50 + s.i % 450) * 0.15, null, 'log',
        1, ${d.at(sql`s.i`)}, ${by}, ${d.at(sql`s.i`)}, ${by}
      from ${d.series(wl)}`.execute(trx),
  )

  // Documents, each with 0–6 movements (3 on average): shipment, return, shipment…
  const docs = n('documents')
  const docTypes = (await db.selectFrom('document_types').select('id').execute()).map((r) => r.id)
  await step(`${docs} documents with their movements`, async (trx) => {
    await sql`insert into documents (project_id, type_id, number, title, doc_date, sheets, state,
        search, version, created_at, created_by, updated_at, updated_by)
      select ${projectOf(sql`s.i`, Math.round(docs * BUSY_SHARE.documents))}, ${pick(sql`s.i`, docTypes)},
        'ИДБ-' || s.i, ${pick(sql`s.i`, ['Акт скрытых работ', 'Исполнительная схема', 'Протокол испытаний', 'Акт приемки'])} || ', участок ' || (s.i % 97),
        ${d.day(sql`(s.i * 11) % ${sql.lit(SPAN_DAYS)}`)}, 1 + s.i % 12, 'in_office',
        'идб-' || s.i || ' ' || ${pick(sql`s.i`, ['акт скрытых работ', 'исполнительная схема', 'протокол испытаний', 'акт приемки'])} || ', участок ' || (s.i % 97),
        1, ${d.at(sql`s.i * 3`)}, ${by}, ${d.at(sql`s.i * 3`)}, ${by}
      from ${d.series(docs)}`.execute(trx)
    // Rounds per document: old ones went out and came back once or twice (2 or 4 movements);
    // the last four months' are still in the office, out, or back (0–3); the last ten days' in
    // the office. 3.1 on average.
    const cutoff = d.date(addDays(today, -120))
    const fresh = d.date(addDays(today, -10))
    const rounds = (t: string) =>
      sql`(case when ${sql.ref(t + '.doc_date')} > ${fresh} then 0
        when ${sql.ref(t + '.doc_date')} > ${cutoff} then ${sql.ref(t + '.id')} % 4
        else case when ${sql.ref(t + '.id')} % 3 = 0 then 2 else 4 end end)`
    const gap = (t: string) =>
      sql`(case when ${sql.ref(t + '.doc_date')} > ${cutoff} then 3 else 10 end)`
    await sql`insert into document_movements (document_id, kind, on_date, recipient, method,
        condition, created_at, created_by)
      select doc.id, case when k.j % 2 = 1 then 'shipment' else 'return' end,
        ${d.addDays(sql`doc.doc_date`, sql`k.j * ${gap('doc')}`)},
        case when k.j % 2 = 1 then ${pick(sql`doc.id`, ['ГКУ «Дороги»', 'Технадзор ООО «Контроль»', 'Заказчик'])} end,
        case when k.j % 2 = 1 then ${pick(sql`doc.id`, ['hand', 'post', 'edo'])} end,
        case when k.j % 2 = 0 then ${pick(sql`doc.id + k.j`, ['signed', 'remarks', 'unsigned'])} end,
        ${d.dayStart(d.addDays(sql`doc.doc_date`, sql`k.j * ${gap('doc')}`))}, ${by}
      from documents doc join ${d.series(4, 'k', 'j')} on k.j <= ${rounds('doc')}
      where doc.number like 'ИДБ-%'`.execute(trx)
    // The state of the last round, as shipOrReturn keeps it.
    const k = rounds('documents')
    await sql`update documents set
        state = case when ${k} % 2 = 1 then 'shipped' else 'returned' end,
        recipient = ${pick(sql`id`, ['ГКУ «Дороги»', 'Технадзор ООО «Контроль»', 'Заказчик'])},
        shipped_on = ${d.addDays(sql`doc_date`, sql`((${k} + 1) / 2 * 2 - 1) * ${gap('documents')}`)},
        returned_on = case when ${k} % 2 = 0 then ${d.addDays(sql`doc_date`, sql`${k} * ${gap('documents')}`)} end,
        condition = case when ${k} % 2 = 0 then ${pick(sql`id + ${k}`, ['signed', 'remarks', 'unsigned'])} end
      where number like 'ИДБ-%' and ${k} > 0`.execute(trx)
  })

  // Remarks with gap-free numbers per project (after any the project has), five events each.
  const rm = n('remarks')
  // Age rank r (0 = oldest), scrambled so that every project has old and new remarks: the old
  // ones are closed (a few stale), the newest tenth not yet taken into work.
  const perRank = Math.floor((SPAN_DAYS * 1440) / rm) // minutes between two remarks
  const status = sql`(case when x.r >= ${sql.lit(Math.floor(rm * 0.9))}
      then case when x.i % 3 = 0 then 'in_progress' else 'new' end
    when x.r >= ${sql.lit(Math.floor(rm * 0.8))} then ${pick(sql`x.i`, ['in_progress', 'fixed', 'verified', 'fixed'])}
    when x.i % 50 = 0 then 'in_progress' when x.i % 10 = 1 then 'rejected'
    when x.i % 10 = 2 then 'verified' else 'closed' end)`
  const created = sql`x.r * ${sql.lit(perRank)}`
  await step(`${rm} remarks with their history`, async (trx) => {
    await sql`insert into remarks (project_id, seq, number, title, location, priority, status,
        assignee_id, deadline, closed_at, reject_reason, search, version, created_at, created_by,
        updated_at, updated_by)
      select x.pid, x.seq + coalesce(rc.last, 0),
        p.code || '-' || case when x.seq + coalesce(rc.last, 0) < 10 then '00'
          when x.seq + coalesce(rc.last, 0) < 100 then '0' else '' end || (x.seq + coalesce(rc.last, 0)),
        'Дефект разметки № ' || x.i, 'км ' || (x.i % 40), ${pick(sql`x.i`, ['low', 'normal', 'normal', 'high', 'critical'])},
        ${status}, ${userIds.length ? sql`${sql.lit(userIds[0])} + x.i % ${sql.lit(userIds.length)}` : sql`null`},
        ${d.day(sql`${created} / 1440 + 30`)},
        case when ${status} in ('closed', 'rejected') then ${d.at(sql`${created} + 20 * 1440`)} end,
        case when ${status} = 'rejected' then 'Не подтверждено' end,
        lower(p.code) || '-' || (x.seq + coalesce(rc.last, 0)) || ' дефект разметки № ' || x.i || ' км ' || (x.i % 40),
        1, ${d.at(created)}, ${by}, ${d.at(sql`${created} + 20 * 1440`)}, ${by}
      from (select y.i, y.pid, (y.i * 7919) % ${sql.lit(rm)} as r, row_number() over (partition by y.pid order by y.i) as seq
            from (select s.i, ${projectOf(sql`s.i`, Math.round(rm * BUSY_SHARE.remarks))} as pid
                  from ${d.series(rm)}) y) x
      join projects p on p.id = x.pid
      left join remark_counters rc on rc.project_id = x.pid`.execute(trx)
    await sql`insert into remark_counters (project_id, last)
      select project_id, max(seq) from remarks group by project_id
      on conflict (project_id) do update set last = excluded.last`.execute(trx)
    await sql`insert into remark_events (remark_id, kind, from_status, to_status, detail, comment,
        user_id, at)
      select r.id, case when k.j = 1 then 'created' when k.j = 5 and r.status <> 'new' then 'status' else 'comment' end,
        case when k.j = 5 and r.status <> 'new' then 'new' end,
        case when k.j = 5 and r.status <> 'new' then r.status end,
        null, case when k.j in (2, 3, 4) then 'Комментарий ' || k.j end,
        ${by}, ${d.dayStart(d.addDays(sql`r.deadline`, sql`k.j * 4 - 30`))}
      from remarks r cross join ${d.series(5, 'k', 'j')}
      where r.title like 'Дефект разметки № %'`.execute(trx)
  })

  // Batches, each with ten ledger rows: a receipt, five issues to sites, four consumptions;
  // in_store / on_site are what those rows add up to.
  const bt = n('batches')
  const stocked = (
    await db.selectFrom('materials').select('id').where('stocked', '=', 1).orderBy('id').execute()
  ).map((r) => r.id)
  const warehouse = (await db.selectFrom('warehouses').select('id').executeTakeFirstOrThrow()).id
  await step(`${bt} batches with their ledger`, async (trx) => {
    await sql`insert into stock_batches (number, material_id, warehouse_id, supplier, received_on,
        received_qty, in_store, on_site, search, version, created_at, created_by, updated_at, updated_by)
      select 'ПБ-' || s.i, ${pick(sql`s.i`, stocked)}, ${sql.lit(warehouse)},
        ${pick(sql`s.i`, ['ООО «Техно-Николь»', 'АО «Дорхимпром»', 'ООО «Геопласт»'])},
        ${d.day(sql`(s.i * 5) % ${sql.lit(SPAN_DAYS - 20)}`)}, 1000, 500, 100,
        'пб-' || s.i, 1, ${d.at(sql`s.i * 5`)}, ${by}, ${d.at(sql`s.i * 5`)}, ${by}
      from ${d.series(bt)}`.execute(trx)
    await sql`insert into stock_movements (batch_id, kind, quantity, store_delta, site_delta,
        project_id, moved_on, created_at, created_by)
      select b.id, case when k.j = 1 then 'receipt' when k.j <= 6 then 'issue' else 'consumption' end,
        case when k.j = 1 then 1000 else 100 end,
        case when k.j = 1 then 1000 when k.j <= 6 then -100 else 0 end,
        case when k.j = 1 then 0 when k.j <= 6 then 100 else -100 end,
        case when k.j > 1 then ${sql.lit(minId)} + (b.id * 7 + k.j) % ${sql.lit(pcount)} end,
        ${d.addDays(sql`b.received_on`, sql`k.j`)}, ${d.dayStart(d.addDays(sql`b.received_on`, sql`k.j`))}, ${by}
      from stock_batches b cross join ${d.series(10, 'k', 'j')}
      where b.number like 'ПБ-%'`.execute(trx)
  })

  // The busiest project's ГПР: a plan per material for this year.
  await step('ГПР plans of the busiest project', (trx) =>
    trx
      .insertInto('schedule_plans')
      .values(
        materials.map((code, k) => ({
          project_id: busiest,
          material_code: code,
          plan_m2: 20_000 + k * 1000,
          start_date: `${today.slice(0, 4)}-04-01`,
          end_date: `${today.slice(0, 4)}-12-31`,
          version: 1,
          created_at: new Date().toISOString(),
          created_by: author.id,
          updated_at: new Date().toISOString(),
          updated_by: author.id,
        })),
      )
      .onConflict((oc) => oc.columns(['project_id', 'material_code']).doNothing())
      .execute(),
  )

  const t = performance.now()
  // As autovacuum would have left years-old tables: statistics, and the visibility map that
  // index-only scans need.
  await sql.raw(pg ? 'vacuum analyze' : 'analyze').execute(db)
  log(`    analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`)

  const counts: Record<string, number> = {}
  for (const table of [
    'projects',
    'users',
    'project_members',
    'worklog_entries',
    'documents',
    'document_movements',
    'remarks',
    'remark_events',
    'stock_batches',
    'stock_movements',
    'audit_log',
  ] as const) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(r.n)
  }
  return {
    busiestProjectId: busiest,
    busiestMonth,
    projectIds: { min: minId, max: maxId },
    userIds,
    counts,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  }
}
