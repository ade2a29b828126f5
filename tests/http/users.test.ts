import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { PASSWORD, testApp, type TestApp } from '../support/app.ts'

const TEMP = 'Временный-пароль-42'

describe.each(DIALECTS)('user administration on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    foreman = await t.signIn('foreman')
  })
  afterAll(() => t.close())

  const userRow = (id: number) =>
    t.db.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const userByLogin = (login: string) =>
    t.db.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst()
  const auditOf = (action: string, entityId: number) =>
    t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('entity_id', '=', String(entityId))
      .execute()
  const sessionsOf = async (id: number) =>
    (await t.db.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length
  const profile = (
    u: Awaited<ReturnType<typeof userRow>>,
    changes: Record<string, string> = {},
  ) => ({
    full_name: u.full_name,
    email: u.email ?? '',
    phone: u.phone ?? '',
    company: u.company ?? '',
    department: u.department ?? '',
    position: u.position ?? '',
    role: u.role,
    version: String(u.version),
    ...changes,
  })
  const newUser = (changes: Record<string, string> = {}) => ({
    login: 'ivanova',
    full_name: 'Иванова Мария Ивановна',
    email: 'ivanova@strod.ru',
    phone: '+7 900 000-00-00',
    company: 'Строд-Сервис',
    department: 'ПТО',
    position: 'Инженер',
    role: 'pto_engineer',
    password: TEMP,
    ...changes,
  })

  it('a foreman gets 403 on every user page and every POST route', async () => {
    for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${admin.id}/edit`]) {
      const r = await t.get(path, foreman.cookie)
      expect(r.status, path).toBe(403)
      expect(await r.text()).toContain('Доступ запрещён')
    }
    const id = admin.id
    for (const path of [
      '/admin/users',
      `/admin/users/${id}`,
      `/admin/users/${id}/deactivate`,
      `/admin/users/${id}/activate`,
      `/admin/users/${id}/password`,
    ]) {
      const r = await t.post(
        path,
        { ...newUser({ login: 'sneaky' }), version: '1' },
        foreman.cookie,
      )
      expect(r.status, path).toBe(403)
    }
    expect(await userByLogin('sneaky')).toBeUndefined()
    expect((await userRow(id)).is_active).toBe(1)
  })

  it('without a session the user pages lead to the sign-in page', async () => {
    const r = await t.get('/admin/users?role=admin')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers%3Frole%3Dadmin')
    const p = await t.post('/admin/users', newUser({ login: 'anon' }))
    expect(p.status).toBe(303)
    expect(p.headers.get('location')).toMatch(/^\/login/)
    expect(await userByLogin('anon')).toBeUndefined()
  })

  it('an admin creates a user who must change the temporary password, and it is audited', async () => {
    const r = await t.post('/admin/users', newUser({ login: 'Ivanova' }), admin.cookie)
    expect(r.status).toBe(303)
    const row = await userByLogin('ivanova')
    expect(row).toBeDefined()
    expect(r.headers.get('location')).toBe(`/admin/users/${row!.id}`)
    expect(row!.must_change_password).toBe(1)
    expect(row!.role).toBe('pto_engineer')
    expect(row!.department).toBe('ПТО')
    expect(row!.created_by).toBe(admin.id)
    const entries = await auditOf('user.create', row!.id)
    expect(entries).toHaveLength(1)
    expect(entries[0].user_id).toBe(admin.id)
    expect(entries[0].after).not.toContain('password_hash')
    expect(entries[0].after).not.toContain(TEMP)

    const page = await t.get(`/admin/users/${row!.id}/edit`, admin.cookie)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Иванова Мария Ивановна')
    expect(html).toContain('Пользователь ещё не сменил временный пароль')
  })

  it('bad input answers 422 in Russian, keeps what was typed except the password, writes nothing', async () => {
    const before = await t.db.db.selectFrom('users').select('id').execute()
    const r = await t.post(
      '/admin/users',
      newUser({ login: 'петров', full_name: 'Петров Пётр', email: 'не-почта', password: '123' }),
      admin.cookie,
    )
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('Логин: 3–50 латинских букв, цифр, точек, дефисов')
    expect(html).toContain('Введите адрес вида name@example.ru')
    expect(html).toContain('Пароль должен быть не короче 10 символов')
    expect(html).toContain('value="Петров Пётр"')
    expect(html).toContain('value="петров"')
    expect(html).not.toContain('value="123"')
    expect(await t.db.db.selectFrom('users').select('id').execute()).toHaveLength(before.length)

    const noRole = await t.post(
      '/admin/users',
      newUser({ login: 'norole', role: '' }),
      admin.cookie,
    )
    expect(noRole.status).toBe(422)
    expect(await noRole.text()).toContain('Выберите роль')
    expect(await userByLogin('norole')).toBeUndefined()
  })

  it('a login that is taken answers 422 «Этот логин уже занят»', async () => {
    const r = await t.post(
      '/admin/users',
      newUser({ login: 'IVANOVA', full_name: 'Другая Иванова' }),
      admin.cookie,
    )
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('Этот логин уже занят')
    expect(html).toContain('value="Другая Иванова"')
    expect(html).not.toContain(TEMP)
    const rows = await t.db.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'ivanova')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('the list searches Russian names regardless of case and filters by role and activity', async () => {
    const found = await (await t.get('/admin/users?q=ИВАНОВА', admin.cookie)).text()
    expect(found).toContain('Иванова Мария Ивановна')
    expect(found).toContain('Инженер ПТО')
    expect(found).toContain('data-label="ФИО"')
    expect(found).not.toContain(`Тестов foreman`)

    const byRole = await (await t.get('/admin/users?role=foreman', admin.cookie)).text()
    expect(byRole).toContain('Тестов foreman')
    expect(byRole).not.toContain('Иванова Мария')

    const inactive = await (await t.get('/admin/users?active=0', admin.cookie)).text()
    expect(inactive).toContain('Пользователи не найдены')
  })

  it('the list pages through many users by name without repeating anyone', async () => {
    const now = new Date().toISOString()
    await t.db.db
      .insertInto('users')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          login: `page${i}`,
          full_name: `Ящиков Листаем ${String(i).padStart(2, '0')}`,
          role: 'viewer' as const,
          is_active: 1,
          password_hash: 'x',
          search: `page${i} ящиков листаем`,
          created_at: now,
          updated_at: now,
          created_by: null,
          updated_by: null,
          deleted_at: null,
        })),
      )
      .execute()
    const first = await t.get('/admin/users?q=ящиков', admin.cookie)
    const html1 = await first.text()
    const next = /href="\?q=%D1%8F%D1%89%D0%B8%D0%BA%D0%BE%D0%B2&amp;after=([^"]+)"/.exec(html1)
    expect(next).not.toBeNull()
    const second = await t.get(`/admin/users?q=ящиков&after=${next![1]}`, admin.cookie, {
      'hx-request': 'true',
    })
    const html2 = await second.text()
    expect(html2).not.toContain('<html')
    const names = (h: string) => [...h.matchAll(/Ящиков Листаем (\d\d)/g)].map((m) => m[1])
    const all = [...names(html1), ...names(html2)]
    expect(names(html1)).toHaveLength(25)
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0')))
  })

  it('deactivation ends the user’s sessions, is audited, and reactivation lets them in again', async () => {
    const victim = await t.signIn('viewer')
    expect((await t.get('/projects', victim.cookie)).status).toBe(200)
    const r = await t.post(`/admin/users/${victim.id}/deactivate`, {}, admin.cookie)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/admin/users/${victim.id}/edit`)
    expect((await userRow(victim.id)).is_active).toBe(0)
    expect(await sessionsOf(victim.id)).toBe(0)
    const after = await t.get('/projects', victim.cookie)
    expect(after.status).toBe(303)
    expect(after.headers.get('location')).toMatch(/^\/login/)
    const [entry] = await auditOf('user.deactivate', victim.id)
    expect(entry.user_id).toBe(admin.id)
    expect(JSON.parse(entry.after!)).toEqual({ is_active: 0 })

    expect((await t.post(`/admin/users/${victim.id}/activate`, {}, admin.cookie)).status).toBe(303)
    expect((await userRow(victim.id)).is_active).toBe(1)
    expect(await auditOf('user.activate', victim.id)).toHaveLength(1)
    const login = await t.post('/login', {
      login: (await userRow(victim.id)).login,
      password: PASSWORD,
    })
    expect(login.status).toBe(303)
  })

  it('an admin cannot deactivate themself or remove their own admin role', async () => {
    const r = await t.post(`/admin/users/${admin.id}/deactivate`, {}, admin.cookie)
    expect(r.status).toBe(303)
    expect((await userRow(admin.id)).is_active).toBe(1)
    expect(await auditOf('user.deactivate', admin.id)).toHaveLength(0)

    const me = await userRow(admin.id)
    const demote = await t.post(
      `/admin/users/${admin.id}`,
      profile(me, { role: 'viewer', position: 'Бывший админ' }),
      admin.cookie,
    )
    expect(demote.status).toBe(422)
    const html = await demote.text()
    expect(html).toContain('Нельзя снять роль администратора с самого себя')
    expect(html).toContain('value="Бывший админ"')
    const still = await userRow(admin.id)
    expect(still.role).toBe('admin')
    expect(still.position).toBeNull()
    expect(await sessionsOf(admin.id)).toBe(1)
  })

  it('a role change ends the user’s sessions and records the role before and after', async () => {
    const pm = await t.signIn('project_manager')
    const u = await userRow(pm.id)
    const r = await t.post(
      `/admin/users/${pm.id}`,
      profile(u, { role: 'site_chief' }),
      admin.cookie,
    )
    expect(r.status).toBe(303)
    const row = await userRow(pm.id)
    expect(row.role).toBe('site_chief')
    expect(row.version).toBe(u.version + 1)
    expect(await sessionsOf(pm.id)).toBe(0)
    expect((await t.get('/projects', pm.cookie)).headers.get('location')).toMatch(/^\/login/)
    const [entry] = await auditOf('user.role', pm.id)
    expect(JSON.parse(entry.before!).role).toBe('project_manager')
    expect(JSON.parse(entry.after!).role).toBe('site_chief')
    expect(entry.before).not.toContain('password_hash')
  })

  it('a profile edit without a role change keeps the user signed in', async () => {
    const chief = await t.signIn('site_chief')
    const u = await userRow(chief.id)
    const r = await t.post(
      `/admin/users/${chief.id}`,
      profile(u, { full_name: 'Сидоров Семён Сергеевич', department: 'Участок №1' }),
      admin.cookie,
    )
    expect(r.status).toBe(303)
    const row = await userRow(chief.id)
    expect(row.full_name).toBe('Сидоров Семён Сергеевич')
    expect(row.search).toContain('сидоров')
    expect(await sessionsOf(chief.id)).toBe(1)
    expect(await auditOf('user.update', chief.id)).toHaveLength(1)
  })

  it('a stale edit answers 409 with the conflict view and overwrites nothing', async () => {
    const v = await t.signIn('viewer')
    const u = await userRow(v.id)
    const first = await t.post(`/admin/users/${v.id}`, profile(u, { phone: '111' }), admin.cookie)
    expect(first.status).toBe(303)
    const stale = await t.post(
      `/admin/users/${v.id}`,
      profile(u, { phone: '222', role: 'director' }),
      admin.cookie,
    )
    expect(stale.status).toBe(409)
    const html = await stale.text()
    expect(html).toContain('Запись уже изменил другой пользователь')
    expect(html).toContain('Исполнительный директор')
    const row = await userRow(v.id)
    expect(row.phone).toBe('111')
    expect(row.role).toBe('viewer')
    expect(row.version).toBe(u.version + 1)
    expect(await sessionsOf(v.id)).toBe(1)
  })

  it('a password reset follows the policy, then forces a change and ends the sessions', async () => {
    const v = await t.signIn('storekeeper')
    const weak = await t.post(`/admin/users/${v.id}/password`, { password: 'short' }, admin.cookie)
    expect(weak.status).toBe(422)
    expect(await weak.text()).toContain('Пароль должен быть не короче 10 символов')
    expect((await userRow(v.id)).must_change_password).toBe(0)

    const r = await t.post(`/admin/users/${v.id}/password`, { password: TEMP }, admin.cookie)
    expect(r.status).toBe(303)
    const row = await userRow(v.id)
    expect(row.must_change_password).toBe(1)
    expect(await sessionsOf(v.id)).toBe(0)
    expect(await auditOf('user.password', v.id)).toHaveLength(1)
  })

  it('a user who must change the password is sent to /account/password', async () => {
    const login = await t.post('/login', { login: 'ivanova', password: TEMP })
    expect(login.status).toBe(303)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]
    for (const path of ['/projects', '/admin/users']) {
      const r = await t.get(path, cookie)
      expect(r.status, path).toBe(303)
      expect(r.headers.get('location')).toBe('/account/password')
    }
    expect((await t.get('/account/password', cookie)).status).toBe(200)
  })
})
