import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { makeProject } from '../support/fixtures.ts'
import { setRolePermission } from '../../src/auth/permissions.ts'
import { reconcileAlerts } from '../../src/stock/alerts.ts'
import { receiveBatch } from '../../src/stock/batches.queries.ts'
import { batchForm } from '../../src/stock/batches.schema.ts'
import { applyMovement } from '../../src/stock/ledger.ts'

const TODAY = '2026-11-26'

describe.each(DIALECTS)('team administration on %s', (dialect) => {
  let t: LiveTestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await liveTestApp(dialect)
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  const audits = (action: string, entityId: number) =>
    t.db.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', '=', action)
      .where('entity_id', '=', String(entityId))
      .execute()

  it('a user’s page shows their projects, groups, sessions and recent actions in bounded queries', async () => {
    const foreman = await t.signIn('foreman')
    const p = await makeProject(t, admin.cookie)
    t.takeQueryCount()
    const empty = await t.get(`/admin/users/${foreman.id}`, admin.cookie)
    expect(empty.status).toBe(200)
    const html = await empty.text()
    expect(html).toContain('Нет доступа ни к одному проекту')
    expect(html).toContain('vitest') // the session's user agent
    const queries = t.takeQueryCount()
    expect(queries).toBeLessThanOrEqual(12)
    // Given a project from his page, the foreman sees it on his next request.
    const r = await t.post(
      `/admin/users/${foreman.id}/projects`,
      { project_id: String(p) },
      admin.cookie,
    )
    expect(r.status).toBe(303)
    expect((await t.get(`/projects/${p}`, foreman.cookie)).status).toBe(200)
    expect(await audits('project.member_add', p)).toHaveLength(1)
    const page = await (await t.get(`/admin/users/${foreman.id}`, admin.cookie)).text()
    expect(page).toContain(`href="/projects/${p}"`)
    const member = await t.db.db
      .selectFrom('project_members')
      .select('id')
      .where('project_id', '=', p)
      .where('user_id', '=', foreman.id)
      .executeTakeFirstOrThrow()
    // His open page of the project loses its subscription when the access is removed.
    const sock = await t.socket(foreman.cookie, [`project:${p}`])
    expect(ackOf(await sock.next(isAck)).subscribed).toEqual([`project:${p}`])
    const gone = await t.post(
      `/admin/users/${foreman.id}/projects/${member.id}/delete`,
      {},
      admin.cookie,
    )
    expect(gone.status).toBe(303)
    await sock.next((m) => isAck(m) && ackOf(m).refused.includes(`project:${p}`))
    expect((await t.get(`/projects/${p}`, foreman.cookie)).status).toBe(404)
    const removed = await audits('project.member_remove', p)
    expect(removed).toHaveLength(1)
    expect(removed[0].before).toContain(String(foreman.id))
    await sock.close()
    // A foreman's queries stay the same with more projects on the page.
    await t.post(
      `/admin/users/${foreman.id}/projects`,
      { project_id: String(await makeProject(t, admin.cookie)) },
      admin.cookie,
    )
    await t.post(
      `/admin/users/${foreman.id}/projects`,
      { project_id: String(await makeProject(t, admin.cookie)) },
      admin.cookie,
    )
    t.takeQueryCount()
    await t.get(`/admin/users/${foreman.id}`, admin.cookie)
    expect(t.takeQueryCount()).toBe(queries)
  })

  it('shows who is online and lets the admin end anyone’s session, audited, closing its pages', async () => {
    const chief = await t.signIn('site_chief')
    const sock = await t.socket(chief.cookie, [`user:${chief.id}`])
    expect(ackOf(await sock.next(isAck)).subscribed).toEqual([`user:${chief.id}`])
    const page = await (await t.get('/admin/online', admin.cookie)).text()
    expect(page).toContain(`href="/admin/users/${chief.id}"`)
    const session = await t.db.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', chief.id)
      .executeTakeFirstOrThrow()
    const r = await t.post(`/admin/online/sessions/${session.id}/revoke`, {}, admin.cookie)
    expect(r.status).toBe(303)
    await new Promise<void>((resolve) => sock.ws.once('close', () => resolve()))
    const after = await t.get('/projects', chief.cookie)
    expect([302, 303]).toContain(after.status)
    expect(await audits('session.revoke', chief.id)).toHaveLength(1)
  })

  it('filters users by department', async () => {
    const u = await t.signIn('pto_engineer')
    await t.db.db.updateTable('users').set({ department: 'ПТО' }).where('id', '=', u.id).execute()
    const html = await (await t.get('/admin/users?department=ПТО', admin.cookie)).text()
    expect(html).toContain(`/admin/users/${u.id}`)
    expect(html).not.toContain(`/admin/users/${admin.id}"`)
  })

  it('keeps the last active administrator: not demoted, not deactivated', async () => {
    const t2 = await liveTestApp(dialect)
    try {
      const only = await t2.signIn('admin')
      const director = await t2.signIn('director')
      await setRolePermission(t2.db.db, 'director', 'users.manage', true)
      const row = await t2.db.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', only.id)
        .executeTakeFirstOrThrow()
      const demote = await t2.post(
        `/admin/users/${only.id}`,
        { full_name: row.full_name, role: 'viewer', version: String(row.version) },
        director.cookie,
      )
      expect(demote.status).toBe(422)
      expect(await demote.text()).toContain('последний активный администратор')
      const off = await t2.post(`/admin/users/${only.id}/deactivate`, {}, director.cookie)
      expect(off.status).toBe(303)
      const still = await t2.db.db
        .selectFrom('users')
        .select(['role', 'is_active'])
        .where('id', '=', only.id)
        .executeTakeFirstOrThrow()
      expect(still).toEqual({ role: 'admin', is_active: 1 })
    } finally {
      await t2.close()
    }
  })

  it('a user edits their contacts and turns off stock notifications, which then do not arrive', async () => {
    const store = await t.signIn('storekeeper')
    const me = await t.db.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', store.id)
      .executeTakeFirstOrThrow()
    const bad = await t.post(
      '/account/profile',
      { full_name: 'Морозова Н. В.', email: 'не почта', version: String(me.version) },
      store.cookie,
    )
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Введите адрес вида name@example.ru')
    const ok = await t.post(
      '/account/profile',
      { full_name: 'Морозова Наталья', phone: '+7 900 000-00-00', version: String(me.version) },
      store.cookie,
    )
    expect(ok.status).toBe(303)
    const stale = await t.post(
      '/account/profile',
      { full_name: 'Другая', version: String(me.version) },
      store.cookie,
    )
    expect(stale.status).toBe(409)
    expect(await audits('user.update', store.id)).toHaveLength(1)
    // Every box but the stock one stays ticked.
    const r = await t.post('/account/notifications', { on: 'request' }, store.cookie)
    expect(r.status).toBe(303)
    expect((await audits('user.notifications', store.id))[0].after).toContain('stock')
    const tp = await t.db.db
      .selectFrom('materials')
      .select('id')
      .where('code', '=', 'tp')
      .executeTakeFirstOrThrow()
    const actor = { userId: null, ip: null, requestId: null }
    const b = await receiveBatch(
      t.db.db,
      actor,
      batchForm.parse({
        number: 'N-1',
        material_id: String(tp.id),
        warehouse_id: '1',
        received_on: TODAY,
        received_qty: '100',
      }),
      TODAY,
    )
    await applyMovement(
      t.db.db,
      actor,
      { batchId: b.id, kind: 'writeoff', quantity: 95, movedOn: TODAY, reason: 'брак' },
      TODAY,
    )
    const res = await reconcileAlerts(t.db.db, TODAY, [b.id])
    expect(res.raised).toHaveLength(1)
    const mine = await t.db.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', store.id)
      .execute()
    expect(mine).toEqual([])
  })

  it('refuses: no session → sign-in; without users.manage → 403; unknown user → 404', async () => {
    const director = await t.signIn('director')
    const anon = await t.get(`/admin/users/${admin.id}`)
    expect([302, 303]).toContain(anon.status)
    for (const path of [`/admin/users/${admin.id}`, '/admin/online'])
      expect((await t.get(path, director.cookie)).status).toBe(403)
    for (const path of [
      `/admin/users/${admin.id}/projects`,
      `/admin/users/${admin.id}/projects/1/delete`,
      `/admin/users/${admin.id}/sessions/x/revoke`,
      '/admin/online/sessions/x/revoke',
    ])
      expect((await t.post(path, {}, director.cookie)).status).toBe(403)
    expect((await t.get('/admin/users/999999', admin.cookie)).status).toBe(404)
    expect((await t.post('/admin/users/999999/projects', {}, admin.cookie)).status).toBe(404)
  })
})
