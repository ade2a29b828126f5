import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { addMember, makeProject } from '../support/fixtures.ts'

describe.each(DIALECTS)('documents live on %s', (dialect) => {
  let t: LiveTestApp
  beforeAll(async () => {
    t = await liveTestApp(dialect)
  })
  afterAll(() => t.close())

  it('a shipment registered by one engineer shows at once on the other’s open registry', async () => {
    const admin = await t.signIn('admin')
    const a = await t.signIn('pto_engineer')
    const b = await t.signIn('foreman')
    const inspector = await t.signIn('inspector')
    const projectId = await makeProject(t, admin.cookie)
    for (const u of [a, b, inspector]) await addMember(t, admin.cookie, projectId, u.id)
    const created = await t.post(
      `/projects/${projectId}/documents`,
      { type_id: '11', number: 'ЖИВ-1', title: 'Акт' },
      a.cookie,
    )
    const id = Number(created.headers.get('location')!.split('/').pop())
    const watcher = await t.socket(b.cookie, [`documents:${projectId}`, `document:${id}`])
    expect(ackOf(await watcher.next(isAck)).subscribed).toHaveLength(2)
    const refused = await t.socket(inspector.cookie, [`documents:${projectId}`])
    expect(ackOf(await refused.next(isAck)).refused).toEqual([`documents:${projectId}`])
    await t.post(
      `/documents/${id}/ship`,
      { recipient: 'ГКУ «Живой заказчик»', on_date: '2026-11-26', method: 'post' },
      a.cookie,
    )
    const row = await watcher.next(
      (m) => m.includes(`id="document-${id}"`) && m.includes('ГКУ «Живой заказчик»'),
    )
    expect(row).not.toContain('type="checkbox"') // a foreman cannot select documents for acts
    const card = await watcher.next((m) => m.includes(`id="document-${id}-history"`))
    expect(card).toContain('Отправлен')
    await Promise.all([watcher.close(), refused.close()])
  })
})
