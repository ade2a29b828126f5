import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { makeProject, projectFields } from '../support/fixtures.ts'
import { acquireLock, currentLock, heartbeatLock, LOCK_TTL_MS } from '../../src/live/locks.ts'

describe.each(DIALECTS)('edit locks on %s', (dialect) => {
  let t: LiveTestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await liveTestApp(dialect)
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  const tokenIn = (html: string) => /name="lock_token" value="([^"]+)"/.exec(html)?.[1]

  it('of ten people clicking «edit» at the same instant exactly one gets the lock', async () => {
    const id = await makeProject(t, admin.cookie)
    const users = await Promise.all(Array.from({ length: 10 }, () => t.signIn('project_manager')))
    const results = await Promise.all(users.map((u) => acquireLock(t.db.db, 'project', id, u.id)))
    const winners = results.filter((r) => r.acquired)
    expect(winners).toHaveLength(1)
    const holder = (await currentLock(t.db.db, 'project', id))!
    expect(results.every((r) => r.lock?.token === holder.token)).toBe(true)
  })

  it('a heartbeat renews the lock; without heartbeats it expires and another may take it', async () => {
    const id = await makeProject(t, admin.cookie)
    const a = await t.signIn('project_manager')
    const b = await t.signIn('project_manager')
    const mine = await acquireLock(t.db.db, 'project', id, a.id)
    expect(mine.acquired).toBe(true)
    const old = new Date(Date.now() - LOCK_TTL_MS + 5_000).toISOString()
    await t.db.db.updateTable('edit_locks').set({ heartbeat_at: old }).execute()
    expect(await heartbeatLock(t.db.db, mine.lock!.token, a.id)).not.toBeNull()
    expect((await acquireLock(t.db.db, 'project', id, b.id)).acquired).toBe(false)
    const expired = new Date(Date.now() - LOCK_TTL_MS - 1_000).toISOString()
    await t.db.db
      .updateTable('edit_locks')
      .set({ heartbeat_at: expired })
      .where('token', '=', mine.lock!.token)
      .execute()
    expect(await currentLock(t.db.db, 'project', id)).toBeNull()
    const theirs = await acquireLock(t.db.db, 'project', id, b.id)
    expect(theirs.acquired).toBe(true)
    expect(await heartbeatLock(t.db.db, mine.lock!.token, a.id)).toBeNull()
  })

  it('the edit form takes the lock; a second editor gets a read-only form naming the holder', async () => {
    const id = await makeProject(t, admin.cookie)
    const pm = await t.signIn('project_manager')
    await t.post(`/projects/${id}/members`, { member: `user:${pm.id}` }, admin.cookie)
    const first = await (await t.get(`/projects/${id}/edit`, admin.cookie)).text()
    expect(tokenIn(first)).toBeTruthy()
    expect(first).toContain('Вы редактируете эту запись')
    const second = await (await t.get(`/projects/${id}/edit`, pm.cookie)).text()
    expect(tokenIn(second)).toBeUndefined()
    expect(second).toMatch(/Редактирует Тестов a\. Т\. с \d\d:\d\d/)
    expect(second).toContain('<fieldset disabled=""')
    const page = await (await t.get(`/projects/${id}`, pm.cookie)).text()
    expect(page).toMatch(/<button class="btn" type="button" disabled="">\s*Изменить/)
  })

  it('cancel and save release the lock, and watchers are told live', async () => {
    const id = await makeProject(t, admin.cookie, { code: `REL-${dialect}` })
    const watcher = await t.signIn('director')
    const s = await t.socket(watcher.cookie, [`project:${id}`])
    await s.next(isAck)
    const token = tokenIn(await (await t.get(`/projects/${id}/edit`, admin.cookie)).text())!
    await s.next((m) => m.includes(`id="project-${id}-lock"`) && m.includes('Редактирует'))
    s.messages.length = 0
    const cancel = await t.post(`/projects/${id}/lock/release`, { lock_token: token }, admin.cookie)
    expect(cancel.headers.get('location')).toBe(`/projects/${id}`)
    expect(await currentLock(t.db.db, 'project', id)).toBeNull()
    await s.next((m) => m.includes(`id="project-${id}-lock"`) && !m.includes('Редактирует'))

    const again = tokenIn(await (await t.get(`/projects/${id}/edit`, admin.cookie)).text())!
    const saved = await t.post(
      `/projects/${id}`,
      projectFields({
        code: `REL-${dialect}`,
        short_name: 'Сохранено',
        version: '1',
        lock_token: again,
      }),
      admin.cookie,
    )
    expect(saved.status).toBe(303)
    expect(await currentLock(t.db.db, 'project', id)).toBeNull()
    await s.close()
  })

  it('closing the editor’s socket frees the lock after a short grace', async () => {
    const id = await makeProject(t, admin.cookie)
    const token = tokenIn(await (await t.get(`/projects/${id}/edit`, admin.cookie)).text())!
    const editor = await t.socket(admin.cookie, [`project:${id}`])
    await editor.next(isAck)
    editor.ws.send(JSON.stringify({ type: 'heartbeat', lock: token }))
    await t.live.idle()
    expect((await currentLock(t.db.db, 'project', id))?.token).toBe(token)
    await editor.close()
    await expect.poll(() => currentLock(t.db.db, 'project', id), { timeout: 15_000 }).toBeNull()
  })

  it('a director breaks the lock and the editor is told live; a foreman may not', async () => {
    const id = await makeProject(t, admin.cookie)
    const pm = await t.signIn('project_manager')
    const director = await t.signIn('director')
    const foreman = await t.signIn('foreman')
    for (const u of [pm, foreman])
      await t.post(`/projects/${id}/members`, { member: `user:${u.id}` }, admin.cookie)
    const token = tokenIn(await (await t.get(`/projects/${id}/edit`, pm.cookie)).text())!
    const editor = await t.socket(pm.cookie, [`project:${id}`])
    await editor.next(isAck)
    editor.ws.send(JSON.stringify({ type: 'heartbeat', lock: token }))
    expect((await t.post(`/projects/${id}/lock/break`, {}, foreman.cookie)).status).toBe(403)
    expect((await t.post(`/projects/${id}/lock/break`, {}, pm.cookie)).status).toBe(403)
    expect((await currentLock(t.db.db, 'project', id))?.token).toBe(token)
    const r = await t.post(`/projects/${id}/lock/break`, {}, director.cookie)
    expect(r.status).toBe(303)
    expect(await currentLock(t.db.db, 'project', id)).toBeNull()
    const told = await editor.next(
      (m) =>
        m.includes(`id="project-${id}-lock-edit"`) && m.includes('Блокировка редактирования снята'),
    )
    expect(told).toContain('hx-swap-oob')
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'lock.break')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect(audit.user_id).toBe(director.id)
    await editor.close()
  })

  it('lock routes refuse without a session and for projects the user was not given', async () => {
    const id = await makeProject(t, admin.cookie)
    const outsider = await t.signIn('director')
    await t.db.db
      .updateTable('users')
      .set({ role: 'project_manager' })
      .where('id', '=', outsider.id)
      .execute()
    for (const path of ['release', 'break']) {
      expect((await t.post(`/projects/${id}/lock/${path}`, {})).headers.get('location')).toMatch(
        /^\/login/,
      )
    }
    expect(
      (await t.post(`/projects/${id}/lock/release`, { lock_token: 'x' }, outsider.cookie)).status,
    ).toBe(404)
  })
})
