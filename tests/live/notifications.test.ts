import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HubDeps } from '../../src/live/hub.ts'
import {
  publishNotifications,
  registerNotificationsLive,
} from '../../src/notifications/notifications.live.tsx'
import { notificationRoutes } from '../../src/notifications/notifications.routes.tsx'
import { notify } from '../../src/notifications/notifications.queries.ts'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'

const isBell = (m: string) => m.includes('id="notifications-bell"')
const labelOf = (m: string) => /aria-label="([^"]*)"/.exec(m)?.[1]

describe.each(DIALECTS)('the bell live on %s', (dialect) => {
  let t: LiveTestApp
  let ann: { id: number; cookie: string }
  let bob: { id: number; cookie: string }

  beforeAll(async () => {
    t = await liveTestApp(dialect)
    // Until live.ts and app.tsx register them, the test adds the stream and the routes.
    registerNotificationsLive((t.live as unknown as { deps: HubDeps }).deps.registry)
    t.app.route('/notifications', notificationRoutes)
    ann = await t.signIn('foreman')
    bob = await t.signIn('pto_engineer')
  })
  afterAll(() => t.close())

  it('a notification pushes the new count to the recipient’s socket only', async () => {
    const annSock = await t.socket(ann.cookie, [`user:${ann.id}`])
    const bobSock = await t.socket(bob.cookie, [`user:${bob.id}`])
    try {
      expect(ackOf(await annSock.next(isAck)).subscribed).toEqual([`user:${ann.id}`])
      expect(ackOf(await bobSock.next(isAck)).subscribed).toEqual([`user:${bob.id}`])

      await t.db.db
        .transaction()
        .execute((trx) =>
          notify(trx, [ann.id], { kind: 'test.assigned', title: 'Вам назначено замечание' }),
        )
      await publishNotifications(t.live, [ann.id])
      const first = await annSock.next(isBell)
      expect(first).toContain('hx-swap-oob="true"')
      expect(labelOf(first)).toBe('Уведомления: 1 непрочитанное')
      expect(first).toContain('bg-red-600')

      await notify(t.db.db, [ann.id, bob.id], { kind: 'test', title: 'Обоим' })
      await publishNotifications(t.live, [ann.id, bob.id])
      await annSock.next((m) => isBell(m) && labelOf(m) === 'Уведомления: 2 непрочитанных')
      const bobs = await bobSock.next(isBell)
      expect(labelOf(bobs)).toBe('Уведомления: 1 непрочитанное')

      await t.live.idle()
      expect(bobSock.messages.filter(isBell)).toHaveLength(1)
    } finally {
      await Promise.all([annSock.close(), bobSock.close()])
    }
  })

  it('marking read over HTTP pushes the lower count', async () => {
    const s = await t.socket(ann.cookie, [`user:${ann.id}`])
    try {
      await s.next(isAck)
      const page = await (await t.get('/notifications', ann.cookie)).text()
      const id = /id="notification-(\d+)"/.exec(page)![1]
      const res = await t.post(`/notifications/${id}/read`, {}, ann.cookie)
      expect(res.status).toBe(303)
      expect(labelOf(await s.next(isBell))).toBe('Уведомления: 1 непрочитанное')
      await t.post('/notifications/read-all', {}, ann.cookie)
      const zero = await s.next((m) => isBell(m) && labelOf(m) === 'Уведомления: нет непрочитанных')
      expect(zero).not.toContain('bg-red-600')
    } finally {
      await s.close()
    }
  })

  it('another user may not watch someone else’s stream', async () => {
    const s = await t.socket(bob.cookie, [`user:${ann.id}`, `user:${bob.id}`, 'user:abc', 'user'])
    try {
      const ack = ackOf(await s.next(isAck))
      expect(ack.subscribed).toEqual([`user:${bob.id}`])
      expect(ack.refused.sort()).toEqual([`user:${ann.id}`, 'user', 'user:abc'].sort())
      await notify(t.db.db, [ann.id], { kind: 'test', title: 'Только Анне' })
      await publishNotifications(t.live, [ann.id])
      await t.live.idle()
      expect(s.messages.filter(isBell)).toEqual([])
    } finally {
      await s.close()
    }
  })
})
