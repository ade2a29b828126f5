import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'

describe.each(DIALECTS)('customers on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  const idOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())

  it('creates, edits, deletes and restores a customer, each change audited', async () => {
    const created = await t.post(
      '/customers',
      { name: 'ГКУ «Мосавтодор»', inn: '5000001525' },
      admin.cookie,
    )
    expect(created.status).toBe(303)
    const id = idOf(created)
    const edited = await t.post(
      `/customers/${id}`,
      { name: 'ГКУ МО «Мосавтодор»', inn: '5000001525', version: '1' },
      admin.cookie,
    )
    expect(edited.status).toBe(303)
    expect((await t.post(`/customers/${id}/delete`, {}, admin.cookie)).status).toBe(303)
    expect(await (await t.get('/customers', admin.cookie)).text()).not.toContain('Мосавтодор')
    expect((await t.post(`/customers/${id}/restore`, {}, admin.cookie)).status).toBe(303)
    expect(await (await t.get('/customers?q=МОСАВТОДОР', admin.cookie)).text()).toContain(
      'ГКУ МО «Мосавтодор»',
    )
    const actions = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'customer')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'customer.create',
      'customer.update',
      'customer.delete',
      'customer.restore',
    ])
  })

  it('a wrong INN is refused next to the field with the typed values kept', async () => {
    const r = await t.post('/customers', { name: 'ГБУ «Автодороги»', inn: '12ab' }, admin.cookie)
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('ИНН: 10 или 12 цифр')
    expect(html).toContain('value="ГБУ «Автодороги»"')
    expect(
      await t.db.db
        .selectFrom('customers')
        .select('id')
        .where('name', '=', 'ГБУ «Автодороги»')
        .execute(),
    ).toHaveLength(0)
  })

  it('a stale customer save gets 409 and keeps the other person’s change', async () => {
    const id = idOf(await t.post('/customers', { name: 'Исходный заказчик' }, admin.cookie))
    await t.post(`/customers/${id}`, { name: 'Правка первого', version: '1' }, admin.cookie)
    const r = await t.post(
      `/customers/${id}`,
      { name: 'Правка второго', version: '1' },
      admin.cookie,
    )
    expect(r.status).toBe(409)
    expect(await r.text()).toContain('Правка первого')
    const row = await t.db.db
      .selectFrom('customers')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('Правка первого')
  })

  it('a foreman may read customers but gets 403 on every write route', async () => {
    const foreman = await t.signIn('foreman')
    const id = idOf(await t.post('/customers', { name: 'Для прораба' }, admin.cookie))
    expect((await t.get('/customers', foreman.cookie)).status).toBe(200)
    expect((await t.get(`/customers/${id}`, foreman.cookie)).status).toBe(200)
    expect((await t.get('/customers/new', foreman.cookie)).status).toBe(403)
    expect((await t.get(`/customers/${id}/edit`, foreman.cookie)).status).toBe(403)
    expect((await t.post('/customers', { name: 'X' }, foreman.cookie)).status).toBe(403)
    expect(
      (await t.post(`/customers/${id}`, { name: 'X', version: '1' }, foreman.cookie)).status,
    ).toBe(403)
    expect((await t.post(`/customers/${id}/delete`, {}, foreman.cookie)).status).toBe(403)
    expect((await t.post(`/customers/${id}/restore`, {}, foreman.cookie)).status).toBe(403)
    expect((await t.post(`/customers/${id}/lock/break`, {}, foreman.cookie)).status).toBe(403)
    expect((await t.get(`/customers/${id}/card`, foreman.cookie)).status).toBe(200)
  })

  it('an inspector has no access to the customers reference at all', async () => {
    const inspector = await t.signIn('inspector')
    for (const path of ['/customers', '/customers/1', '/customers/1/card'])
      expect((await t.get(path, inspector.cookie)).status, path).toBe(403)
    expect((await t.post('/customers/1/lock/release', {}, inspector.cookie)).status).toBe(403)
  })

  it('without a session customer routes lead to sign-in; an unknown id is 404', async () => {
    for (const path of [
      '/customers',
      '/customers/new',
      '/customers/1',
      '/customers/1/edit',
      '/customers/1/card',
    ])
      expect((await t.get(path)).headers.get('location'), path).toMatch(/^\/login/)
    expect((await t.post('/customers', { name: 'X' })).headers.get('location')).toMatch(/^\/login/)
    expect((await t.get('/customers/999999', admin.cookie)).status).toBe(404)
    expect((await t.get('/customers/abc', admin.cookie)).status).toBe(404)
  })
})
