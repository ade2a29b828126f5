import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import bcrypt from 'bcryptjs'
import { PASSWORD, testApp, type TestApp } from '../support/app.ts'

describe.each(DIALECTS)('sign-in on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp(dialect)
  })
  afterAll(() => t.close())

  it('a first visit with no users leads to /setup, and setup creates the admin once', async () => {
    const first = await t.get('/projects')
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe('/setup')

    const weak = await t.post('/setup', {
      login: 'boss',
      full_name: 'Петров Пётр',
      password: '123',
    })
    expect(weak.status).toBe(422)
    const html = await weak.text()
    expect(html).toContain('не короче 10 символов')
    expect(html).toContain('value="boss"')

    const ok = await t.post('/setup', {
      login: 'Boss',
      full_name: 'Петров Пётр Петрович',
      password: PASSWORD,
    })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('set-cookie')).toMatch(/sid=[a-z0-9]+\.[a-z0-9]+;.*HttpOnly/i)
    const row = await t.db.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    expect(row.login).toBe('boss')
    expect(row.role).toBe('admin')
    expect(row.password_hash).toMatch(/^\$argon2id\$/)

    expect((await t.get('/setup')).status).toBe(303)
    const again = await t.post('/setup', { login: 'x', full_name: 'X', password: PASSWORD })
    expect(again.status).toBe(403)
    expect(await t.db.db.selectFrom('users').select('id').execute()).toHaveLength(1)
  })

  it('signs in with the right password and refuses a wrong one with a Russian message', async () => {
    const bad = await t.post('/login', { login: 'boss', password: 'wrong-password' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Неверный логин или пароль')

    const ok = await t.post('/login?next=/customers', { login: 'BOSS', password: PASSWORD })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/customers')
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]
    expect((await t.get('/projects', cookie)).status).toBe(200)

    const audit = await t.db.db.selectFrom('audit_log').select('action').execute()
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login_failed', 'auth.login']),
    )
  })

  it('never redirects to another site after sign-in', async () => {
    const r = await t.post('/login?next=//evil.example', { login: 'boss', password: PASSWORD })
    expect(r.headers.get('location')).toBe('/')
  })

  it('throttles repeated failures per login, also for the right password', async () => {
    const { id } = await t.signIn('viewer', 'victim')
    for (let i = 0; i < 5; i++)
      await t.post('/login', { login: 'victim', password: 'nope-nope-nope' })
    const r = await t.post('/login', { login: 'victim', password: PASSWORD })
    expect(r.status).toBe(429)
    expect(await r.text()).toContain('Слишком много неудачных попыток входа')
    const failures = await t.db.db.selectFrom('login_failures').select('key').execute()
    expect(failures.filter((f) => f.key === 'login:victim')).toHaveLength(5)
    expect(id).toBeGreaterThan(0)
  })

  it('a user from the desktop app signs in with the old bcrypt password once, then it is re-hashed', async () => {
    const { id } = await t.signIn('foreman', 'legacy.volkov')
    const old = bcrypt.hashSync('старый-пароль-из-программы', 4)
    expect(old.startsWith('$2b$')).toBe(true)
    await t.db.db.updateTable('users').set({ password_hash: old }).where('id', '=', id).execute()
    const wrong = await t.post('/login', { login: 'legacy.volkov', password: 'не-тот-пароль-123' })
    expect(wrong.status).toBe(422)
    const ok = await t.post('/login', {
      login: 'legacy.volkov',
      password: 'старый-пароль-из-программы',
    })
    expect(ok.status).toBe(303)
    const row = await t.db.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true)
    const again = await t.post('/login', {
      login: 'legacy.volkov',
      password: 'старый-пароль-из-программы',
    })
    expect(again.status).toBe(303)
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.password_rehash')
      .where('entity_id', '=', String(id))
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('sign-out ends the session', async () => {
    const { cookie } = await t.signIn('foreman')
    const out = await t.post('/logout', {}, cookie)
    expect(out.status).toBe(303)
    const after = await t.get('/projects', cookie)
    expect(after.status).toBe(303)
    expect(after.headers.get('location')).toMatch(/^\/login/)
  })

  it('refuses a cross-site form post', async () => {
    const { cookie } = await t.signIn('admin')
    const r = await t.post('/customers', { name: 'Чужой' }, cookie, {
      origin: 'https://evil.example',
    })
    expect(r.status).toBe(403)
    expect(await t.db.db.selectFrom('customers').select('id').execute()).toHaveLength(0)
  })

  it('a deactivated user loses the session', async () => {
    const { id, cookie } = await t.signIn('viewer')
    await t.db.db.updateTable('users').set({ is_active: 0 }).where('id', '=', id).execute()
    const r = await t.get('/projects', cookie)
    expect(r.headers.get('location')).toMatch(/^\/login/)
  })
})
