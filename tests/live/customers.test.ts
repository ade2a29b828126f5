import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { currentLock } from '../../src/live/locks.ts'

describe.each(DIALECTS)('customers live on %s', (dialect) => {
  let t: LiveTestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await liveTestApp(dialect)
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  const idOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())

  it('a new and a changed customer reach an open list and page; the editor’s lock shows', async () => {
    const viewer = await t.signIn('viewer')
    const s = await t.socket(viewer.cookie, ['customers'])
    await s.next(isAck)
    const id = idOf(await t.post('/customers', { name: 'ГКУ «Новый»' }, admin.cookie))
    const added = await s.next((m) => m.includes('afterbegin:#customers-rows'))
    expect(added).toContain('ГКУ «Новый»')

    const page = await t.socket(viewer.cookie, [`customer:${id}`])
    await page.next(isAck)
    const edit = await (await t.get(`/customers/${id}/edit`, admin.cookie)).text()
    const token = /name="lock_token" value="([^"]+)"/.exec(edit)![1]
    const locked = await page.next(
      (m) => m.includes(`id="customer-${id}-lock"`) && m.includes('Редактирует'),
    )
    expect(locked).not.toContain(`href="/customers/${id}/edit"`) // a viewer never gets an edit link
    const saved = await t.post(
      `/customers/${id}`,
      { name: 'ГКУ «Переименован»', version: '1', lock_token: token },
      admin.cookie,
    )
    expect(saved.status).toBe(303)
    expect(await currentLock(t.db.db, 'customer', id)).toBeNull()
    await s.next((m) => m.includes(`id="customer-${id}"`) && m.includes('ГКУ «Переименован»'))
    const card = await page.next(
      (m) => m.includes(`id="customer-${id}-card"`) && m.includes('ГКУ «Переименован»'),
    )
    expect(card).not.toContain('Удалить')
    await Promise.all([s.close(), page.close()])
  })

  it('a second editor of a locked customer gets a read-only form', async () => {
    const pto = await t.signIn('pto_engineer')
    const id = idOf(await t.post('/customers', { name: 'Занятый заказчик' }, admin.cookie))
    await t.get(`/customers/${id}/edit`, admin.cookie)
    const second = await (await t.get(`/customers/${id}/edit`, pto.cookie)).text()
    expect(second).toContain('<fieldset disabled=""')
    expect(second).not.toContain('name="lock_token"')
    expect((await t.post(`/customers/${id}/lock/break`, {}, pto.cookie)).status).toBe(403)
  })
})
