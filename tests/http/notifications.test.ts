import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notificationRoutes } from '../../src/notifications/notifications.routes.tsx'
import {
  listNotifications,
  markAllRead,
  markRead,
  notify,
  unreadCount,
  unreadSubquery,
} from '../../src/notifications/notifications.queries.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { DIALECTS } from '../support/db.ts'

describe.each(DIALECTS)('notifications on %s', (dialect) => {
  let t: TestApp
  let ann: { id: number; cookie: string }
  let bob: { id: number; cookie: string }

  beforeAll(async () => {
    t = await testApp(dialect)
    t.app.route('/notifications', notificationRoutes) // as app.tsx will mount it
    ann = await t.signIn('foreman')
    bob = await t.signIn('pto_engineer')
  })
  afterAll(() => t.close())

  const bell = async (cookie: string) => {
    const res = await t.get('/notifications/bell', cookie, { 'hx-request': 'true' })
    expect(res.status).toBe(200)
    const html = await res.text()
    return { html, label: /aria-label="([^"]*)"/.exec(html)?.[1] }
  }
  const idsOf = (html: string) =>
    [...html.matchAll(/id="notification-(\d+)"/g)].map((m) => Number(m[1]))

  it('notify two users: each sees their own count and only their own list', async () => {
    await notify(t.db.db, [ann.id, bob.id, ann.id], {
      kind: 'test.assigned',
      title: 'Вам назначено замечание № 7',
      body: 'Трещина в стяжке, секция 2',
      href: '/projects',
    })
    await t.db.db
      .transaction()
      .execute((trx) =>
        notify(trx, [ann.id], { kind: 'test.comment', title: 'Новый комментарий Анне' }),
      )
    expect(await unreadCount(t.db.db, ann.id)).toBe(2)
    expect(await unreadCount(t.db.db, bob.id)).toBe(1)
    expect((await bell(ann.cookie)).label).toBe('Уведомления: 2 непрочитанных')
    expect((await bell(bob.cookie)).label).toBe('Уведомления: 1 непрочитанное')
    expect((await bell(ann.cookie)).html).toContain('id="notifications-bell"')

    const annPage = await (await t.get('/notifications', ann.cookie)).text()
    expect(annPage).toContain('Новый комментарий Анне')
    expect(annPage).toContain('Вам назначено замечание № 7')
    expect(annPage).toContain('Отметить все как прочитанные (2)')
    // newest first
    expect(annPage.indexOf('Новый комментарий Анне')).toBeLessThan(
      annPage.indexOf('Вам назначено замечание № 7'),
    )
    // the page watches its own user stream (signed)
    expect(annPage).toMatch(new RegExp(`ws-connect="/ws\\?s=user%3A${ann.id}~`))
    const bobPage = await (await t.get('/notifications', bob.cookie)).text()
    expect(bobPage).toContain('Вам назначено замечание № 7')
    expect(bobPage).not.toContain('Новый комментарий Анне')
    const bobIds = idsOf(bobPage)
    expect(bobIds).toHaveLength(1)
    const bobRows = await t.db.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', bob.id)
      .execute()
    expect(bobIds).toEqual(bobRows.map((r) => r.id))
  })

  it('clicking a notification marks it read and opens its page; the count drops', async () => {
    const [first] = (await listNotifications(t.db.db, ann.id)).rows
    expect(first.read_at).toBeNull()
    const res = await t.post(`/notifications/${first.id}/read`, {}, ann.cookie)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/notifications') // it had no href
    expect(await unreadCount(t.db.db, ann.id)).toBe(1)
    expect((await bell(ann.cookie)).label).toBe('Уведомления: 1 непрочитанное')

    const [, second] = (await listNotifications(t.db.db, ann.id)).rows
    const res2 = await t.post(`/notifications/${second.id}/read`, {}, ann.cookie)
    expect(res2.headers.get('location')).toBe('/projects')
    expect(await unreadCount(t.db.db, ann.id)).toBe(0)
    // no badge at zero
    const zero = await bell(ann.cookie)
    expect(zero.label).toBe('Уведомления: нет непрочитанных')
    expect(zero.html).not.toContain('bg-red-600')
    // reading it again changes nothing and still leads to its page
    const again = await t.post(`/notifications/${second.id}/read`, {}, ann.cookie)
    expect(again.headers.get('location')).toBe('/projects')
    // Bob's copy is untouched
    expect(await unreadCount(t.db.db, bob.id)).toBe(1)
  })

  it('another user’s notification is a 404 and stays unread', async () => {
    const [bobs] = (await listNotifications(t.db.db, bob.id)).rows
    const res = await t.post(`/notifications/${bobs.id}/read`, {}, ann.cookie)
    expect(res.status).toBe(404)
    expect((await t.post('/notifications/999999999/read', {}, ann.cookie)).status).toBe(404)
    expect(await markRead(t.db.db, ann.id, bobs.id)).toBeNull()
    expect(await unreadCount(t.db.db, bob.id)).toBe(1)
  })

  it('read-all marks only the user’s own', async () => {
    await notify(t.db.db, [ann.id], { kind: 'test', title: 'Ещё одно' })
    await notify(t.db.db, [ann.id], { kind: 'test', title: 'И ещё' })
    expect(await unreadCount(t.db.db, ann.id)).toBe(2)
    const res = await t.post('/notifications/read-all', {}, ann.cookie)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/notifications')
    expect(await unreadCount(t.db.db, ann.id)).toBe(0)
    expect(await unreadCount(t.db.db, bob.id)).toBe(1)
    expect(await markAllRead(t.db.db, ann.id)).toBe(0)
  })

  it('no session: the login page', async () => {
    const res = await t.get('/notifications')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fnotifications')
    const post = await t.post('/notifications/1/read', {})
    expect(post.status).toBe(303)
    expect(post.headers.get('location')).toMatch(/^\/login/)
    expect((await t.post('/notifications/read-all', {})).headers.get('location')).toMatch(
      /^\/login/,
    )
  })

  it('the list pages by keyset, newest first', async () => {
    const carl = await t.signIn('director')
    for (let i = 1; i <= 35; i++)
      await notify(t.db.db, [carl.id], { kind: 'test', title: `Уведомление ${i}` })
    const first = await (await t.get('/notifications', carl.cookie)).text()
    const ids1 = idsOf(first)
    expect(ids1).toHaveLength(30)
    expect(first).toContain('Уведомление 35')
    const next = /href="(\?after=[^"]+)"/.exec(first)?.[1]
    expect(next).toBeTruthy()
    const res = await t.get(`/notifications${next!.replace(/&amp;/g, '&')}`, carl.cookie, {
      'hx-request': 'true',
    })
    const second = await res.text()
    expect(second.startsWith('<section id="notifications-list"')).toBe(true)
    const ids2 = idsOf(second)
    expect(ids2).toHaveLength(5)
    expect(Math.max(...ids2)).toBeLessThan(Math.min(...ids1))
    expect(second).toContain('Уведомление 1<')
    expect(second).not.toContain('Далее')
  })

  it('the bell sits in the header of every page', async () => {
    const html = await (await t.get('/notifications', bob.cookie)).text()
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'))
    expect(header).toContain('id="notifications-bell"')
    expect(header).toContain('href="/notifications"')
    expect(html.match(/id="notifications-bell"/g)).toHaveLength(1)
  })

  it('the unread subquery load-user selects gives the same count', async () => {
    const rows = await t.db.db
      .selectFrom('users')
      .select(['id'])
      .select((eb) => unreadSubquery(eb).as('unread'))
      .where('id', 'in', [ann.id, bob.id])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.id, Number(r.unread ?? 0)])).toEqual([
      [ann.id, 0],
      [bob.id, 1],
    ])
  })

  it('notify refuses a link outside the app and ignores an empty recipient list', async () => {
    await expect(
      notify(t.db.db, [ann.id], { kind: 'test', title: 'x', href: 'https://evil.example' }),
    ).rejects.toThrow(/local path/)
    await expect(
      notify(t.db.db, [ann.id], { kind: 'test', title: 'x', href: '//evil.example' }),
    ).rejects.toThrow(/local path/)
    await notify(t.db.db, [], { kind: 'test', title: 'никому' })
    expect(await unreadCount(t.db.db, ann.id)).toBe(0)
  })
})
