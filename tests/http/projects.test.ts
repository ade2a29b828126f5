import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject, projectFields } from '../support/fixtures.ts'
import { setRolePermission } from '../../src/auth/permissions.ts'

describe.each(DIALECTS)('projects on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  it('a project manager creates a project with planned volumes, audited, and keeps access to it', async () => {
    const pm = await t.signIn('project_manager')
    const id = await makeProject(t, pm.cookie, {
      code: 'Р-12',
      plan_tp: '1 234,5',
      plan_hp: '10.25',
    })
    const row = await t.db.db
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.code).toBe('Р-12')
    expect(row.version).toBe(1)
    const vols = await t.db.db
      .selectFrom('project_volumes')
      .selectAll()
      .where('project_id', '=', id)
      .orderBy('material')
      .execute()
    expect(vols.map((v) => [v.material, v.plan_m2])).toEqual([
      ['hp', 10.25],
      ['tp', 1234.5],
    ])
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'project.create')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect(audit.user_id).toBe(pm.id)
    expect(JSON.parse(audit.after!).code).toBe('Р-12')
    const page = await t.get(`/projects/${id}`, pm.cookie)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('1\u00a0234,5 м²')
  })

  it('bad input re-renders the form with Russian messages, keeps what was typed and writes nothing', async () => {
    const before = await t.db.db.selectFrom('projects').select('id').execute()
    const r = await t.post(
      '/projects',
      projectFields({
        name: '',
        short_name: 'Оставить это',
        length_km: 'двенадцать',
        contract_date: '31.02.2026',
      }),
      admin.cookie,
    )
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('Заполните поле')
    expect(html).toContain('Введите число, например 12,5')
    expect(html).toContain('Введите дату в формате ДД.ММ.ГГГГ')
    expect(html).toContain('value="Оставить это"')
    expect(html).toContain('value="двенадцать"')
    expect(await t.db.db.selectFrom('projects').select('id').execute()).toHaveLength(before.length)
  })

  it('an end date before the start date is refused', async () => {
    const r = await t.post(
      '/projects',
      projectFields({ start_date: '2026-02-01', end_date: '01.01.2026' }),
      admin.cookie,
    )
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('Окончание раньше начала')
    expect(html).toContain('value="01.01.2026"')
  })

  it('a duplicate project code is refused next to the field', async () => {
    await makeProject(t, admin.cookie, { code: 'ДУБЛЬ-1' })
    const r = await t.post('/projects', projectFields({ code: 'ДУБЛЬ-1' }), admin.cookie)
    expect(r.status).toBe(422)
    expect(await r.text()).toContain('Проект с таким шифром уже есть')
  })

  it('finds a project by a Russian search in any case', async () => {
    await makeProject(t, admin.cookie, {
      short_name: 'Объезд Ёлкино',
      name: 'Автодорога ЁЛКИНО — Каспийск',
    })
    for (const q of ['каспийск', 'КАСПИЙСК', 'ёлкино', 'ЕЛКИНО']) {
      const r = await t.get(`/projects?q=${encodeURIComponent(q)}`, admin.cookie)
      expect(await r.text(), q).toContain('Объезд Ёлкино')
    }
    const none = await t.get(`/projects?q=${encodeURIComponent('несуществующий')}`, admin.cookie)
    expect(await none.text()).toContain('Проекты не найдены')
  })

  it('filters by status and customer, and an htmx request gets only the list fragment', async () => {
    const c = await t.post('/customers', { name: 'ГКУ «Фильтр»' }, admin.cookie)
    const customerId = c.headers.get('location')!.split('/').pop()!
    await makeProject(t, admin.cookie, {
      short_name: 'Приостановленный',
      status: 'suspended',
      customer_id: customerId,
    })
    const r = await t.get(`/projects?status=suspended&customer=${customerId}`, admin.cookie, {
      'hx-request': 'true',
    })
    const html = await r.text()
    expect(html.startsWith('<div id="projects-list"')).toBe(true)
    expect(html).toContain('Приостановленный')
    expect(html).not.toContain('Р-22 «Каспий» км 10')
  })

  it('keyset pages stay stable when a project is added between page loads', async () => {
    const fresh = await testApp(dialect)
    try {
      const a = await fresh.signIn('admin')
      for (let i = 0; i < 30; i++)
        await makeProject(fresh, a.cookie, {
          short_name: `Объект ${String(i).padStart(2, '0')}`,
          name: `Полное ${i}`,
        })
      const names = (html: string) => [...html.matchAll(/>(Объект \d\d)</g)].map((m) => m[1])
      const first = await (await fresh.get('/projects?sort=name', a.cookie)).text()
      expect(names(first)).toHaveLength(25)
      const next = /href="\?([^"]*after=[^"]+)"/.exec(first)![1].replace(/&amp;/g, '&')
      await makeProject(fresh, a.cookie, { short_name: 'Объект 00а', name: 'Полное 00а' })
      const second = await (await fresh.get(`/projects?${next}`, a.cookie)).text()
      const all = [...names(first), ...names(second)]
      expect(new Set(all).size).toBe(30)
      expect(names(second)).toEqual([
        'Объект 25',
        'Объект 26',
        'Объект 27',
        'Объект 28',
        'Объект 29',
      ])
    } finally {
      await fresh.close()
    }
  })

  it('a stale save gets the conflict view and overwrites nothing', async () => {
    const id = await makeProject(t, admin.cookie, { short_name: 'Исходное имя', code: 'КОНФЛ-1' })
    const first = await t.post(
      `/projects/${id}`,
      projectFields({ short_name: 'Первая правка', code: 'КОНФЛ-1', version: '1' }),
      admin.cookie,
    )
    expect(first.status).toBe(303)
    const second = await t.post(
      `/projects/${id}`,
      projectFields({ short_name: 'Вторая правка', code: 'КОНФЛ-1', version: '1' }),
      admin.cookie,
    )
    expect(second.status).toBe(409)
    const html = await second.text()
    expect(html).toContain('Запись уже изменил другой пользователь')
    expect(html).toContain('Первая правка')
    expect(html).toContain('Вторая правка')
    expect(html).toContain('name="version" value="2"')
    const row = await t.db.db
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.short_name).toBe('Первая правка')
    expect(row.version).toBe(2)
  })

  it('soft-deletes and restores a project, both audited', async () => {
    const id = await makeProject(t, admin.cookie, { short_name: 'Удаляемый объект' })
    expect((await t.post(`/projects/${id}/delete`, {}, admin.cookie)).status).toBe(303)
    expect(await (await t.get('/projects?q=удаляемый', admin.cookie)).text()).not.toContain(
      'Удаляемый объект',
    )
    expect(await (await t.get('/projects?q=удаляемый&deleted=1', admin.cookie)).text()).toContain(
      'Удаляемый объект',
    )
    expect((await t.post(`/projects/${id}/restore`, {}, admin.cookie)).status).toBe(303)
    expect(await (await t.get('/projects?q=удаляемый', admin.cookie)).text()).toContain(
      'Удаляемый объект',
    )
    const actions = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(id))
      .execute()
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['project.delete', 'project.restore']),
    )
  })

  it('without a session every project route leads to sign-in', async () => {
    const id = await makeProject(t, admin.cookie)
    for (const path of [
      '/projects',
      '/projects/new',
      `/projects/${id}`,
      `/projects/${id}/edit`,
      `/projects/${id}/card`,
    ]) {
      const r = await t.get(path)
      expect(r.status, path).toBe(303)
      expect(r.headers.get('location'), path).toMatch(/^\/login\?next=/)
    }
    for (const path of [
      '/projects',
      `/projects/${id}`,
      `/projects/${id}/delete`,
      `/projects/${id}/members`,
    ]) {
      const r = await t.post(path, projectFields())
      expect(r.headers.get('location'), path).toMatch(/^\/login/)
    }
  })

  it('a viewer may read but gets 403 on every write route', async () => {
    const viewer = await t.signIn('viewer')
    const id = await makeProject(t, admin.cookie, { short_name: 'Только чтение' })
    await addMember(t, admin.cookie, id, viewer.id)
    expect((await t.get(`/projects/${id}`, viewer.cookie)).status).toBe(200)
    expect((await t.get('/projects/new', viewer.cookie)).status).toBe(403)
    expect((await t.get(`/projects/${id}/edit`, viewer.cookie)).status).toBe(403)
    expect((await t.post('/projects', projectFields(), viewer.cookie)).status).toBe(403)
    expect(
      (await t.post(`/projects/${id}`, projectFields({ version: '1' }), viewer.cookie)).status,
    ).toBe(403)
    expect((await t.post(`/projects/${id}/delete`, {}, viewer.cookie)).status).toBe(403)
    expect((await t.post(`/projects/${id}/restore`, {}, viewer.cookie)).status).toBe(403)
    expect(
      (await t.post(`/projects/${id}/members`, { member: `user:${viewer.id}` }, viewer.cookie))
        .status,
    ).toBe(403)
    expect((await t.post(`/projects/${id}/members/1/delete`, {}, viewer.cookie)).status).toBe(403)
    const html = await (await t.get(`/projects/${id}`, viewer.cookie)).text()
    expect(html).not.toContain(`/projects/${id}/edit`)
  })

  it('someone not given a project gets 404 for its pages and does not see it in the list', async () => {
    const pm = await t.signIn('project_manager')
    const id = await makeProject(t, admin.cookie, { short_name: 'Чужой объект' })
    for (const path of [`/projects/${id}`, `/projects/${id}/edit`, `/projects/${id}/card`])
      expect((await t.get(path, pm.cookie)).status, path).toBe(404)
    expect(
      (await t.post(`/projects/${id}`, projectFields({ version: '1' }), pm.cookie)).status,
    ).toBe(404)
    expect(
      (await t.post(`/projects/${id}/members`, { member: `user:${pm.id}` }, pm.cookie)).status,
    ).toBe(404)
    expect(await (await t.get('/projects?q=чужой', pm.cookie)).text()).not.toContain('Чужой объект')
    const row = await t.db.db
      .selectFrom('project_members')
      .select('id')
      .where('project_id', '=', id)
      .where('user_id', '=', pm.id)
      .executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('access given through a group opens the project; removing it closes it again', async () => {
    const foreman = await t.signIn('foreman')
    const id = await makeProject(t, admin.cookie, { short_name: 'Через группу' })
    const now = new Date().toISOString()
    const g = await t.db.db
      .insertInto('groups')
      .values({
        name: `Бригада ${foreman.id}`,
        created_at: now,
        updated_at: now,
        created_by: null,
        updated_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db.db
      .insertInto('group_members')
      .values({ group_id: g.id, user_id: foreman.id })
      .execute()
    expect((await t.get(`/projects/${id}`, foreman.cookie)).status).toBe(404)
    expect(
      (await t.post(`/projects/${id}/members`, { member: `group:${g.id}` }, admin.cookie)).status,
    ).toBe(303)
    expect((await t.get(`/projects/${id}`, foreman.cookie)).status).toBe(200)
    expect(await (await t.get('/projects', foreman.cookie)).text()).toContain('Через группу')
    const m = await t.db.db
      .selectFrom('project_members')
      .select('id')
      .where('group_id', '=', g.id)
      .executeTakeFirstOrThrow()
    expect((await t.post(`/projects/${id}/members/${m.id}/delete`, {}, admin.cookie)).status).toBe(
      303,
    )
    expect((await t.get(`/projects/${id}`, foreman.cookie)).status).toBe(404)
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(id))
      .execute()
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['project.member_add', 'project.member_remove']),
    )
  })
})

describe.each(DIALECTS)('list pages run a bounded number of queries on %s', (dialect) => {
  it('the projects and customers lists cost the same with 3 rows or 25', async () => {
    const t = await testApp(dialect)
    try {
      const pm = await t.signIn('project_manager')
      const cost = async (path: string) => {
        await t.get(path, pm.cookie)
        t.takeQueryCount()
        await t.get(path, pm.cookie)
        return t.takeQueryCount()
      }
      for (let i = 0; i < 3; i++) {
        await t.post('/customers', { name: `Заказчик ${i}` }, pm.cookie)
        await makeProject(t, pm.cookie, { short_name: `Малый ${i}` })
      }
      const few = [await cost('/projects'), await cost('/customers')]
      for (let i = 3; i < 30; i++) {
        await t.post('/customers', { name: `Заказчик ${i}` }, pm.cookie)
        await makeProject(t, pm.cookie, { short_name: `Большой ${i}` })
      }
      const many = [await cost('/projects'), await cost('/customers')]
      expect(many).toEqual(few)
      expect(many[0]).toBeLessThanOrEqual(8)
    } finally {
      await t.close()
    }
  })
})

describe.each(DIALECTS)('permissions per route on %s', (dialect) => {
  it('managing members needs projects.members only, not projects.write', async () => {
    const t = await testApp(dialect)
    try {
      const admin = await t.signIn('admin')
      const keeper = await t.signIn('viewer')
      const other = await t.signIn('foreman')
      const id = await makeProject(t, admin.cookie)
      await addMember(t, admin.cookie, id, keeper.id)
      await setRolePermission(t.db.db, 'viewer', 'projects.members', true)
      const r = await t.post(
        `/projects/${id}/members`,
        { member: `user:${other.id}` },
        keeper.cookie,
      )
      expect(r.status).toBe(303)
      expect((await t.get(`/projects/${id}`, other.cookie)).status).toBe(200)
    } finally {
      await t.close()
    }
  })
})
