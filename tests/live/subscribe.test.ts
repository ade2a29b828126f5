import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, openSocket, type LiveTestApp } from '../support/live.ts'
import { makeProject, projectFields } from '../support/fixtures.ts'

describe.each(DIALECTS)('live subscriptions on %s', (dialect) => {
  let t: LiveTestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await liveTestApp(dialect)
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  it('a member subscribes to the project stream and receives its changes', async () => {
    const foreman = await t.signIn('foreman')
    const id = await makeProject(t, admin.cookie, { short_name: 'Живой объект' })
    await t.post(`/projects/${id}/members`, { member: `user:${foreman.id}` }, admin.cookie)
    const s = await t.socket(foreman.cookie, [`project:${id}`, 'projects'])
    expect(ackOf(await s.next(isAck)).subscribed).toEqual([`project:${id}`, 'projects'])
    await t.post(
      `/projects/${id}`,
      projectFields({ short_name: 'Живой объект 2', version: '1', code: 'LIVE-1' }),
      admin.cookie,
    )
    const row = await s.next(
      (m) => m.includes(`id="project-${id}"`) && m.includes('Живой объект 2'),
    )
    expect(row).toContain('hx-swap-oob="true"')
    const card = await s.next((m) => m.includes(`id="project-${id}-card"`))
    expect(card).toContain('Живой объект 2')
    // a foreman may not edit: his copy has no edit link
    expect(card).not.toContain(`/projects/${id}/edit`)
    expect(row).not.toContain(`/projects/${id}/edit`)
    await s.close()
  })

  it('refuses a project stream to a non-member, and sends it nothing about that project', async () => {
    const outsider = await t.signIn('project_manager')
    const id = await makeProject(t, admin.cookie, { short_name: 'Секретный объект' })
    const s = await t.socket(outsider.cookie, [`project:${id}`, 'projects'])
    const ack = ackOf(await s.next(isAck))
    expect(ack.refused).toEqual([`project:${id}`])
    expect(ack.subscribed).toEqual(['projects'])
    await t.post(
      `/projects/${id}`,
      projectFields({ short_name: 'Секретный объект 2', version: '1', code: 'SECRET-1' }),
      admin.cookie,
    )
    const other = await makeProject(t, outsider.cookie, { short_name: 'Свой объект' })
    await t.live.idle()
    await s.next((m) => m.includes(`project-${other}`)) // his own new project does arrive
    expect(s.messages.join('\n')).not.toContain('Секретный')
    await s.close()
  })

  it('refuses forged and tampered stream names', async () => {
    const s = await t.socket(admin.cookie, [], {
      raw: [
        'project:1',
        `project:2~${'x'.repeat(22)}`,
        t.live.sign('project:3').replace('project:3', 'project:4'),
        t.live.sign('nosuch:1'),
      ],
    })
    const ack = ackOf(await s.next(isAck))
    expect(ack.subscribed).toEqual([])
    expect(ack.refused).toHaveLength(4)
    await s.close()
  })

  it('refuses an upgrade without a session, with a signed-out session, or from another site', async () => {
    await expect(openSocket(t.port, '', [t.live.sign('projects')], t.origin)).rejects.toThrow(/401/)
    const { cookie } = await t.signIn('viewer')
    await expect(
      openSocket(t.port, cookie, [t.live.sign('projects')], 'https://evil.example'),
    ).rejects.toThrow(/403/)
    await t.post('/logout', {}, cookie)
    await expect(openSocket(t.port, cookie, [t.live.sign('projects')], t.origin)).rejects.toThrow(
      /401/,
    )
  })

  it('drops the stream at once when the member loses access', async () => {
    const chief = await t.signIn('site_chief')
    const id = await makeProject(t, admin.cookie, { short_name: 'Временный доступ' })
    await t.post(`/projects/${id}/members`, { member: `user:${chief.id}` }, admin.cookie)
    const s = await t.socket(chief.cookie, [`project:${id}`])
    expect(ackOf(await s.next(isAck)).subscribed).toEqual([`project:${id}`])
    const m = await t.db.db
      .selectFrom('project_members')
      .select('id')
      .where('project_id', '=', id)
      .where('user_id', '=', chief.id)
      .executeTakeFirstOrThrow()
    await t.post(`/projects/${id}/members/${m.id}/delete`, {}, admin.cookie)
    const dropped = await s.next(
      (msg) => isAck(msg) && ackOf(msg).refused.includes(`project:${id}`),
    )
    expect(ackOf(dropped).refused).toEqual([`project:${id}`])
    s.messages.length = 0
    await t.post(
      `/projects/${id}`,
      projectFields({ short_name: 'После отзыва', version: '1', code: 'REVOKE-1' }),
      admin.cookie,
    )
    await t.live.idle()
    expect(s.messages.join('')).not.toContain('После отзыва')
    await s.close()
  })

  it('closes the socket when its session is signed out', async () => {
    const { cookie } = await t.signIn('viewer')
    const s = await t.socket(cookie, ['projects'])
    await s.next(isAck)
    const closed = new Promise<number>((r) => s.ws.once('close', (code) => r(code)))
    await t.post('/logout', {}, cookie)
    expect(await closed).toBe(4401)
  })

  it('survives malformed and oversize messages, and keeps serving', async () => {
    const s = await t.socket(admin.cookie, ['projects'])
    await s.next(isAck)
    s.ws.send('{not json')
    s.ws.send(JSON.stringify({ type: 'heartbeat', lock: 42 }))
    const closed = new Promise<number>((r) => s.ws.once('close', (code) => r(code)))
    s.ws.send('x'.repeat(10_000))
    expect(await closed).toBe(1009)
    const again = await t.socket(admin.cookie, ['projects'])
    expect(ackOf(await again.next(isAck)).subscribed).toEqual(['projects'])
    await again.close()
  })
})
