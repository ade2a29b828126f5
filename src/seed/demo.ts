import type { Actor } from '../app-env.ts'
import type { CurrentUser } from '../auth/current-user.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import { ROLE_LABELS } from '../auth/roles.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { createCustomer } from '../customers/customers.queries.ts'
import { MATERIALS } from '../materials/materials.ts'
import { createProject } from '../projects/projects.queries.ts'
import type { ProjectForm, ProjectStatus } from '../projects/projects.schema.ts'
import { DEFAULT_CONTRACTOR } from '../projects/projects.schema.ts'
import { createUser } from '../users/users.queries.ts'
import { seedDemoDocuments } from './demo-documents.ts'
import { seedDemoRemarks } from './demo-remarks.ts'
import { seedDemoWorklog } from './demo-worklog.ts'
import { seedDemoStock } from './demo-stock.ts'
import { seedDemoShifts } from '../shifts/demo.ts'
import { loadConfig, type Config } from '../config.ts'
import { DEMO_ADMIN, DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_ROADS, DEMO_USERS } from './demo-data.ts'

// The remarks were all registered just now; spread them over the last eleven weeks (closing
// a few days after opening, never after now), so the «opened and closed per week» chart and the
// average time to closure have a shape. The history moves with them.
async function spreadRemarkDates(db: Db) {
  const DAY = 86_400_000
  const now = Date.now()
  const rows = await db.selectFrom('remarks').select(['id', 'status']).orderBy('id').execute()
  for (const [i, r] of rows.entries()) {
    const created = now - (2 + ((i * 13) % 76)) * DAY - (i % 8) * 3_600_000
    const done = r.status === 'closed' || r.status === 'rejected'
    const closed = done ? Math.min(now - 3_600_000, created + (1 + (i % 12)) * DAY) : null
    const at = (ms: number) => new Date(ms).toISOString()
    await db
      .updateTable('remarks')
      .set({ created_at: at(created), closed_at: closed ? at(closed) : null })
      .where('id', '=', r.id)
      .execute()
    const events = await db
      .selectFrom('remark_events')
      .select('id')
      .where('remark_id', '=', r.id)
      .orderBy('id')
      .execute()
    const span = (closed ?? Math.min(now, created + 3 * DAY)) - created
    for (const [j, e] of events.entries())
      await db
        .updateTable('remark_events')
        .set({ at: at(created + Math.round((span * j) / Math.max(1, events.length - 1))) })
        .where('id', '=', e.id)
        .execute()
  }
}

// A deterministic pseudo-random sequence, so every demo looks the same.
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
}

const iso = (d: Date) => d.toISOString().slice(0, 10)

export async function seedDemo(
  db: Db,
  print: (line: string) => void,
  config: Config = loadConfig(),
) {
  if (
    await db.selectFrom('users').select('id').where('login', '=', 'director').executeTakeFirst()
  ) {
    print('Демо-данные уже загружены (пользователь director существует).')
    return
  }
  const system: Actor = { userId: null, ip: 'seed-demo', requestId: null }
  const ids: Record<string, number> = {}
  // A fresh install seeded before /setup still needs someone who can administer it.
  const hasAdmin = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .executeTakeFirst()
  const users = hasAdmin ? DEMO_USERS : [DEMO_ADMIN, ...DEMO_USERS]
  for (const u of users)
    ids[u.login] = await createUser(db, system, {
      ...u,
      password: DEMO_PASSWORD,
      company: u.role === 'inspector' ? 'ГКУ «Дирекция дорог»' : 'ООО «Строд-Сервис Технолоджи»',
      email: `${u.login}@strod.example`,
    })
  const director = (await loadCurrentUser(db, ids.director)) as CurrentUser
  const actor: Actor = { userId: ids.director, ip: 'seed-demo', requestId: null }

  const now = nowIso()
  const groups: Record<string, number> = {}
  for (const [name, members] of [
    ['Участок №1', ['chief.petrov', 'foreman.volkov']],
    ['Участок №2', ['chief.kuznetsov', 'foreman.lebedev']],
    ['ПТО', ['pto.ivanova', 'pto.smirnov']],
  ] as const) {
    const g = await db
      .insertInto('groups')
      .values({
        name,
        created_at: now,
        updated_at: now,
        created_by: ids.director,
        updated_by: ids.director,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    groups[name] = g.id
    await db
      .insertInto('group_members')
      .values(members.map((m) => ({ group_id: g.id, user_id: ids[m] })))
      .execute()
  }

  const customers = []
  for (const [name, inn, address] of DEMO_CUSTOMERS)
    customers.push(
      await createCustomer(db, actor, {
        name,
        inn,
        address,
        contact_info: 'Отдел эксплуатации, +7 (495) 000-00-00',
        comments: null,
      }),
    )

  const rand = rng(42)
  const statuses: ProjectStatus[] = [
    'active',
    'active',
    'active',
    'planned',
    'completed',
    'suspended',
  ]
  for (let i = 0; i < 50; i++) {
    const road = DEMO_ROADS[i % DEMO_ROADS.length]
    const from = 10 + Math.floor(rand() * 300)
    const len = 5 + Math.floor(rand() * 40)
    const start = new Date(Date.UTC(2026, 3 + Math.floor(rand() * 5), 1 + Math.floor(rand() * 27)))
    const end = new Date(start.getTime() + (30 + Math.floor(rand() * 90)) * 86400000)
    const form = {
      contractor: DEFAULT_CONTRACTOR,
      customer_id: customers[i % customers.length].id,
      name: `Нанесение дорожной разметки на автомобильной дороге ${road}, км ${from} — км ${from + len}`,
      short_name: `${road} км ${from}–${from + len}`,
      code: `Р-${String(i + 1).padStart(2, '0')}`,
      contract_number: `${100 + i}/26-ДР`,
      contract_date: iso(new Date(start.getTime() - 20 * 86400000)),
      length_km: len,
      asphalt_date: rand() > 0.5 ? iso(new Date(start.getTime() - 7 * 86400000)) : null,
      start_date: iso(start),
      end_date: iso(end),
      status: statuses[i % statuses.length],
      comments: i % 7 === 0 ? 'Работы в ночное время по согласованию с ГИБДД' : null,
    } as ProjectForm
    for (const [m] of MATERIALS) form[`plan_${m}`] = null
    form.plan_tp = Math.round(len * 1200 * (0.5 + rand()))
    form.plan_kraska_b = Math.round(len * 300 * rand())
    if (i % 3 === 0) form.plan_hp = Math.round(len * 150 * (0.5 + rand()))
    if (i % 5 === 0) form.plan_demarkirovka = Math.round(len * 40)
    const p = await createProject(db, actor, director, form)
    const members: { user_id: number | null; group_id: number | null }[] = []
    if (i % 2 === 0) members.push({ user_id: null, group_id: groups['Участок №1'] })
    else members.push({ user_id: null, group_id: groups['Участок №2'] })
    if (i % 4 === 0) members.push({ user_id: ids['inspector.fedorov'], group_id: null })
    if (i < 30) members.push({ user_id: null, group_id: groups['ПТО'] })
    members.push(
      { user_id: ids['pm.orlova'], group_id: null },
      { user_id: ids['viewer.belova'], group_id: null },
    )
    await db
      .insertInto('project_members')
      .values(
        members.map((m) => ({ ...m, project_id: p.id, created_at: now, created_by: ids.director })),
      )
      .execute()
  }

  const projects = await db
    .selectFrom('projects')
    .select(['id', 'code'])
    .orderBy('id')
    .limit(12)
    .execute()
  const pto = { userId: ids['pto.ivanova'], ip: 'seed-demo', requestId: null }
  const docs = await seedDemoDocuments(db, pto, projects)
  print(
    `Исполнительная документация: ${docs} документов в ${projects.length} проектах, с актами передачи.`,
  )
  const inspected = await db
    .selectFrom('project_members')
    .select('project_id')
    .where('user_id', '=', ids['inspector.fedorov'])
    .execute()
  const remarkProjects = await db
    .selectFrom('projects')
    .select(['id', 'code'])
    .where(
      'id',
      'in',
      inspected.map((m) => m.project_id),
    )
    .orderBy('id')
    .limit(6)
    .execute()
  const remarks = await seedDemoRemarks(db, config, ids, remarkProjects)
  await spreadRemarkDates(db)
  print(
    `Замечания строительного контроля: ${remarks} в ${remarkProjects.length} проектах, с фото и историей.`,
  )
  const logProjects = await db
    .selectFrom('projects')
    .select(['id', 'code'])
    .orderBy('id')
    .limit(4)
    .execute()
  const entries = await seedDemoWorklog(db, ids, logProjects)
  print(`Журнал работ: ${entries} строк за три недели в ${logProjects.length} проектах, 2 бригады.`)
  const stock = await seedDemoStock(db, ids, logProjects)
  print(
    `Склад: ${stock.batches} партий на 2 складах с документами, движениями, расходом по журналу, ` +
      `контролем остатков и ${stock.requests} заявками.`,
  )
  const shifts = await seedDemoShifts(db, ids, config.SHIFT_MAX_HOURS)
  print(
    `Рабочие смены: ${shifts} за две недели у прорабов и начальников участков ` +
      '(одна закрыта автоматически, одна исправлена).',
  )
  print(
    `Демо-данные загружены: 12 заказчиков, 50 проектов, ${users.length} пользователей, 3 группы.`,
  )
  print(`Пароль всех демо-пользователей: ${DEMO_PASSWORD}`)
  for (const u of users) print(`  ${u.login.padEnd(20)} ${ROLE_LABELS[u.role]} — ${u.full_name}`)
}
