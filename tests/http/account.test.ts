import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { PASSWORD, testApp, type TestApp } from '../support/app.ts'
import { createSession } from '../../src/auth/sessions.ts'
import { setRolePermission } from '../../src/auth/permissions.ts'

describe.each(DIALECTS)('own account on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp(dialect)
    await t.signIn('admin')
  })
  afterAll(() => t.close())

  it('without a session the account pages lead to sign-in', async () => {
    expect((await t.get('/account')).headers.get('location')).toMatch(/^\/login/)
    expect((await t.post('/account/password', {})).headers.get('location')).toMatch(/^\/login/)
    expect((await t.post('/account/sessions/revoke-others', {})).headers.get('location')).toMatch(
      /^\/login/,
    )
  })

  it('changes the password only with the current one and a good new one; other sessions end', async () => {
    const me = await t.signIn('foreman')
    const other = await createSession(t.db.db, me.id, {
      ip: '10.1.1.1',
      userAgent: 'телефон',
      days: 30,
    })
    const wrong = await t.post(
      '/account/password',
      { current: 'не тот пароль', password: 'Новый-пароль-2026', confirm: 'Новый-пароль-2026' },
      me.cookie,
    )
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Текущий пароль введён неверно')
    const weak = await t.post(
      '/account/password',
      { current: PASSWORD, password: 'qwertyuiop', confirm: 'qwertyuiop' },
      me.cookie,
    )
    expect(weak.status).toBe(422)
    expect(await weak.text()).toContain('слишком распространён')
    const mismatch = await t.post(
      '/account/password',
      { current: PASSWORD, password: 'Новый-пароль-2026', confirm: 'другой' },
      me.cookie,
    )
    expect(await mismatch.text()).toContain('Пароли не совпадают')
    const ok = await t.post(
      '/account/password',
      { current: PASSWORD, password: 'Новый-пароль-2026', confirm: 'Новый-пароль-2026' },
      me.cookie,
    )
    expect(ok.status).toBe(303)
    expect((await t.get('/account', me.cookie)).status).toBe(200)
    expect((await t.get('/account', `sid=${other.token}`)).headers.get('location')).toMatch(
      /^\/login/,
    )
  })

  it('lists own sessions and ends one or all others, never someone else’s', async () => {
    const me = await t.signIn('viewer')
    const stranger = await t.signIn('viewer')
    const mine = await createSession(t.db.db, me.id, {
      ip: '10.0.0.2',
      userAgent: 'Планшет прораба',
      days: 30,
    })
    const theirs = await createSession(t.db.db, stranger.id, {
      ip: '10.0.0.3',
      userAgent: 'Чужой ноутбук',
      days: 30,
    })
    const page = await (await t.get('/account', me.cookie)).text()
    expect(page).toContain('Планшет прораба')
    expect(page).not.toContain('Чужой ноутбук')
    await t.post(`/account/sessions/${theirs.session.id}/revoke`, {}, me.cookie)
    expect((await t.get('/account', `sid=${theirs.token}`)).status).toBe(200)
    await t.post(`/account/sessions/${mine.session.id}/revoke`, {}, me.cookie)
    expect((await t.get('/account', `sid=${mine.token}`)).status).toBe(303)
    const extra = await createSession(t.db.db, me.id, { ip: null, userAgent: null, days: 30 })
    await t.post('/account/sessions/revoke-others', {}, me.cookie)
    expect((await t.get('/account', `sid=${extra.token}`)).status).toBe(303)
    expect((await t.get('/account', me.cookie)).status).toBe(200)
  })

  it('a user with a temporary password must change it before anything else', async () => {
    const me = await t.signIn('foreman')
    await t.db.db
      .updateTable('users')
      .set({ must_change_password: 1 })
      .where('id', '=', me.id)
      .execute()
    expect((await t.get('/projects', me.cookie)).headers.get('location')).toBe('/account/password')
    expect((await t.get('/account/password', me.cookie)).status).toBe(200)
  })

  it('a role permission overridden in the database takes effect', async () => {
    const pm = await t.signIn('project_manager')
    expect((await t.get('/projects/new', pm.cookie)).status).toBe(200)
    await setRolePermission(t.db.db, 'project_manager', 'projects.write', false)
    try {
      expect((await t.get('/projects/new', pm.cookie)).status).toBe(403)
    } finally {
      await setRolePermission(t.db.db, 'project_manager', 'projects.write', true)
    }
    expect((await t.get('/projects/new', pm.cookie)).status).toBe(200)
  })
})
