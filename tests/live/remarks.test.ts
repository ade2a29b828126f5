import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { addMember, makeProject } from '../support/fixtures.ts'

describe.each(DIALECTS)('remarks live on %s', (dialect) => {
  let t: LiveTestApp
  beforeAll(async () => {
    t = await liveTestApp(dialect)
  })
  afterAll(() => t.close())

  it('a status change reaches everyone watching the remark and the list; the assignee’s bell counts it', async () => {
    const admin = await t.signIn('admin')
    const inspector = await t.signIn('inspector')
    const foreman = await t.signIn('foreman')
    const outsider = await t.signIn('foreman')
    const projectId = await makeProject(t, admin.cookie)
    for (const u of [inspector, foreman]) await addMember(t, admin.cookie, projectId, u.id)
    const bell = await t.socket(foreman.cookie, [`user:${foreman.id}`])
    await bell.next(isAck)
    const created = await t.post(
      `/projects/${projectId}/remarks`,
      { title: 'Стёртая стоп-линия', priority: 'high', assignee_id: String(foreman.id) },
      inspector.cookie,
    )
    const id = Number(created.headers.get('location')!.split('/').pop())
    const counted = await bell.next(
      (m) => m.includes('id="notifications-bell"') && m.includes('Уведомления: 1 непрочитанное'),
    )
    expect(counted).toContain('hx-swap-oob')
    const watcher = await t.socket(inspector.cookie, [`remark:${id}`, `remarks:${projectId}`])
    expect(ackOf(await watcher.next(isAck)).subscribed).toHaveLength(2)
    const refused = await t.socket(outsider.cookie, [
      `remark:${id}`,
      `remarks:${projectId}`,
      `user:${foreman.id}`,
    ])
    expect(ackOf(await refused.next(isAck)).refused).toHaveLength(3)
    await t.post(`/remarks/${id}/status`, { to: 'in_progress' }, foreman.cookie)
    const card = await watcher.next(
      (m) => m.includes(`id="remark-${id}-card"`) && m.includes('В работе'),
    )
    expect(card).toContain(`id="remark-${id}-history"`)
    await watcher.next((m) => m.includes(`id="remark-${id}"`) && m.includes('В работе'))
    await t.live.idle()
    expect(refused.messages.join('')).not.toContain('Стёртая стоп-линия')
    await Promise.all([bell.close(), watcher.close(), refused.close()])
  })
})
