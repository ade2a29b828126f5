import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await testApp(dialect, { TRUST_PROXY: 'true' })
    admin = await t.signIn('admin')
    // Two rows either side of midnight in Moscow (UTC+3), by nobody, from a known address.
    await t.db.db
      .insertInto('audit_log')
      .values([
        {
          at: '2026-01-10T20:30:00.000Z',
          user_id: null,
          ip: '10.0.0.1',
          request_id: null,
          action: 'auth.login_failed',
          entity_type: 'user',
          entity_id: null,
          before: null,
          after: JSON.stringify({ login: 'late-evening' }),
        },
        {
          at: '2026-01-10T21:30:00.000Z',
          user_id: null,
          ip: '10.0.0.2',
          request_id: null,
          action: 'auth.login_failed',
          entity_type: 'user',
          entity_id: null,
          before: null,
          after: JSON.stringify({ login: 'after-midnight' }),
        },
      ])
      .execute()
    await t.post(
      '/admin/users',
      {
        login: 'kladov',
        full_name: 'Кладов Кирилл',
        role: 'storekeeper',
        password: 'Временный-пароль-42',
      },
      admin.cookie,
      { 'x-forwarded-for': '192.0.2.7' },
    )
    await t.post('/admin/groups', { name: 'Склад' }, admin.cookie)
  })
  afterAll(() => t.close())

  const ids = (html: string) => [...html.matchAll(/id="audit-(\d+)"/g)].map((m) => Number(m[1]))
  // The table body only: the filter's options name every action too.
  const page = async (query: string) => {
    const r = await t.get(`/admin/audit${query}`, admin.cookie)
    expect(r.status).toBe(200)
    const html = await r.text()
    return html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))
  }

  it('a foreman and a project manager get 403; a director may read the log', async () => {
    for (const role of ['foreman', 'project_manager'] as const) {
      const { cookie } = await t.signIn(role)
      const r = await t.get('/admin/audit', cookie)
      expect(r.status, role).toBe(403)
      expect(await r.text()).toContain('Доступ запрещён')
    }
    const director = await t.signIn('director')
    const r = await t.get('/admin/audit', director.cookie)
    expect(r.status).toBe(200)
    const html = await r.text()
    expect(html).toContain('Кладов Кирилл')
    // A director reads the log but does not manage users: no tabs he cannot open.
    const tabs = html.slice(html.indexOf('aria-label="Администрирование"'))
    expect(tabs.slice(0, tabs.indexOf('</nav>'))).toContain('Журнал аудита')
    expect(tabs.slice(0, tabs.indexOf('</nav>'))).not.toContain('Пользователи')
    expect((await t.get('/admin/users', director.cookie)).status).toBe(403)
  })

  it('without a session the log leads to the sign-in page', async () => {
    const r = await t.get('/admin/audit?action=user')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/login?next=%2Fadmin%2Faudit%3Faction%3Duser')
  })

  it('nothing can change or delete audit rows', async () => {
    const before = await t.db.db.selectFrom('audit_log').selectAll().execute()
    const [first] = before
    for (const path of [
      '/admin/audit',
      `/admin/audit/${first.id}`,
      `/admin/audit/${first.id}/delete`,
      `/admin/audit/${first.id}/edit`,
    ]) {
      const r = await t.post(path, { action: 'forged' }, admin.cookie)
      expect(r.status, path).toBe(404)
    }
    const foreman = await t.signIn('foreman')
    expect((await t.post(`/admin/audit/${first.id}/delete`, {}, foreman.cookie)).status).toBe(403)
    const after = await t.db.db.selectFrom('audit_log').selectAll().execute()
    expect(after.slice(0, before.length)).toEqual(before)
  })

  it('lists rows newest first with time in Moscow, who, IP, action, entity and before/after', async () => {
    const full = await (await t.get('/admin/audit', admin.cookie)).text()
    expect(full).toContain('class="table table-cards')
    expect(full).toContain('Вход и сеансы: все')
    const html = await page('')
    const shown = ids(html)
    expect(shown).toEqual([...shown].sort((a, b) => b - a))
    expect(html).toContain('data-label="Время"')
    const create = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('user_id', '=', admin.id)
      .executeTakeFirstOrThrow()
    const row = html.slice(html.indexOf(`id="audit-${create.id}"`))
    const cells = row.slice(0, row.indexOf('</tr>'))
    expect(cells).toContain('Тестов admin')
    expect(cells).toContain('192.0.2.7')
    expect(cells).toContain('Создание пользователя')
    expect(cells).toContain(`entity=user&amp;entity_id=${create.entity_id}`)
    expect(cells).toContain(`href="/admin/audit/${create.id}"`)
    // A new record: its filled fields with Russian labels, the values highlighted as new.
    expect(cells).toMatch(/ФИО<\/dt><dd[^>]*><ins[^>]*data-audit="new"[^>]*>Кладов Кирилл<\/ins>/)
    expect(cells).not.toContain('password_hash')
    expect(html).toContain('11.01.2026 00:30')
    expect(html).toContain('10.01.2026 23:30')
  })

  it('filters by action family, exact action, entity, user and Moscow dates', async () => {
    const groups = await page('?action=group')
    expect(groups).toContain('Создание группы')
    expect(groups).not.toContain('Создание пользователя')

    const exact = await page('?action=user.create')
    const creates = await t.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'user.create')
      .orderBy('id', 'desc')
      .execute()
    expect(ids(exact)).toEqual(creates.map((r) => r.id))

    const entity = await page('?entity=group')
    expect(entity).toContain('Создание группы')
    expect(entity).not.toContain('Неудачный вход')

    const byAdmin = await page(`?user=${admin.id}`)
    expect(byAdmin).toContain('Создание группы')
    expect(byAdmin).not.toContain('10.0.0.1')

    const system = await page('?user=0')
    expect(system).toContain('10.0.0.1')
    expect(system).not.toContain('Создание группы')

    const jan11 = await page('?from=2026-01-11&to=2026-01-11')
    expect(jan11).toContain('after-midnight')
    expect(jan11).not.toContain('late-evening')
    const jan10 = await page('?from=2026-01-10&to=2026-01-10')
    expect(jan10).toContain('late-evening')
    expect(jan10).not.toContain('after-midnight')

    // Empty selects (the form sent as is) and nonsense mean "no filter", not an error.
    const all = await page('?action=&entity=&user=&from=&to=')
    const none = await page('?action=DROP%20TABLE&user=abc&from=31.12.2026')
    expect(ids(all)).toEqual(ids(await page('')))
    expect(ids(none)).toEqual(ids(all))
  })

  it('pages by id, newest first, without gaps or repeats', async () => {
    const now = Date.now()
    await t.db.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          at: new Date(now + i).toISOString(),
          user_id: admin.id,
          ip: null,
          request_id: null,
          action: 'project.update',
          entity_type: 'project',
          entity_id: String(i),
          before: null,
          after: null,
        })),
      )
      .execute()
    const first = await (await t.get('/admin/audit?action=project', admin.cookie)).text()
    const next = /href="\?action=project&amp;after=([^"]+)"/.exec(first)
    expect(next).not.toBeNull()
    const second = await t.get(`/admin/audit?action=project&after=${next![1]}`, admin.cookie, {
      'hx-request': 'true',
    })
    const html2 = await second.text()
    expect(html2).not.toContain('<html')
    const all = [...ids(first), ...ids(html2)]
    expect(ids(first)).toHaveLength(50)
    expect(all).toHaveLength(60)
    expect(all).toEqual([...all].sort((a, b) => b - a))
    expect(new Set(all).size).toBe(60)
  })
})
