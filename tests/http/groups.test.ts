import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'

describe.each(DIALECTS)('groups on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  let groupId: number
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    foreman = await t.signIn('foreman')
  })
  afterAll(() => t.close())

  const groups = () => t.db.db.selectFrom('groups').selectAll().orderBy('id').execute()
  const members = (id: number) =>
    t.db.db.selectFrom('group_members').select('user_id').where('group_id', '=', id).execute()
  const audits = (action: string) =>
    t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()

  it('a foreman gets 403 on the group pages and on every POST route', async () => {
    expect((await t.get('/admin/groups', foreman.cookie)).status).toBe(403)
    for (const path of [
      '/admin/groups',
      '/admin/groups/1',
      '/admin/groups/1/members',
      `/admin/groups/1/members/${foreman.id}/delete`,
    ]) {
      const r = await t.post(
        path,
        { name: 'Захват', version: '1', user_id: String(foreman.id) },
        foreman.cookie,
      )
      expect(r.status, path).toBe(403)
    }
    expect(await groups()).toHaveLength(0)
  })

  it('without a session the group pages lead to the sign-in page', async () => {
    const r = await t.get('/admin/groups')
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toMatch(/^\/login\?next=%2Fadmin%2Fgroups/)
    expect((await t.post('/admin/groups', { name: 'Аноним' })).status).toBe(303)
    expect(await groups()).toHaveLength(0)
  })

  it('an admin creates a group, which is audited and listed with its member count', async () => {
    const r = await t.post('/admin/groups', { name: '  Участок №1 ' }, admin.cookie)
    expect(r.status).toBe(303)
    const [g] = await groups()
    groupId = g.id
    expect(g.name).toBe('Участок №1')
    expect(r.headers.get('location')).toBe(`/admin/groups/${g.id}`)
    const [entry] = await audits('group.create')
    expect(entry.entity_id).toBe(String(g.id))
    expect(entry.user_id).toBe(admin.id)

    const html = await (await t.get('/admin/groups', admin.cookie)).text()
    expect(html).toContain('Участок №1')
    expect(html).toContain('class="table table-cards')
    expect(html).toContain('data-label="Участников">0<')
  })

  it('an empty or taken group name answers 422 in Russian and writes nothing', async () => {
    const empty = await t.post('/admin/groups', { name: '  ' }, admin.cookie)
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Заполните поле')

    const taken = await t.post('/admin/groups', { name: 'Участок №1' }, admin.cookie)
    expect(taken.status).toBe(422)
    const html = await taken.text()
    expect(html).toContain('Группа с таким названием уже есть')
    expect(html).toContain('value="Участок №1"')
    expect(await groups()).toHaveLength(1)
    expect(await audits('group.create')).toHaveLength(1)
  })

  it('an admin adds and removes a member, each change audited', async () => {
    const petrov = await t.signIn('foreman')
    const page = await (await t.get(`/admin/groups/${groupId}`, admin.cookie)).text()
    expect(page).toContain(`<option value="${petrov.id}">`)

    const add = await t.post(
      `/admin/groups/${groupId}/members`,
      { user_id: String(petrov.id) },
      admin.cookie,
    )
    expect(add.status).toBe(303)
    expect(await members(groupId)).toEqual([{ user_id: petrov.id }])
    const [added] = await audits('group.member_add')
    expect(added.entity_id).toBe(String(groupId))
    expect(JSON.parse(added.after!)).toEqual({ group_id: groupId, user_id: petrov.id })

    const again = await t.post(
      `/admin/groups/${groupId}/members`,
      { user_id: String(petrov.id) },
      admin.cookie,
    )
    expect(again.status).toBe(303)
    expect(await audits('group.member_add')).toHaveLength(1)

    const list = await (await t.get('/admin/groups', admin.cookie)).text()
    expect(list).toContain('data-label="Участников">1<')
    const detail = await (await t.get(`/admin/groups/${groupId}`, admin.cookie)).text()
    expect(detail).toContain(`/admin/groups/${groupId}/members/${petrov.id}/delete`)
    expect(detail).not.toContain(`<option value="${petrov.id}">`)

    const remove = await t.post(
      `/admin/groups/${groupId}/members/${petrov.id}/delete`,
      {},
      admin.cookie,
    )
    expect(remove.status).toBe(303)
    expect(await members(groupId)).toEqual([])
    const [removed] = await audits('group.member_remove')
    expect(JSON.parse(removed.before!)).toEqual({ group_id: groupId, user_id: petrov.id })
  })

  it('an inactive user cannot be added to a group', async () => {
    const gone = await t.signIn('viewer')
    await t.db.db.updateTable('users').set({ is_active: 0 }).where('id', '=', gone.id).execute()
    const page = await (await t.get(`/admin/groups/${groupId}`, admin.cookie)).text()
    expect(page).not.toContain(`<option value="${gone.id}">`)
    const r = await t.post(
      `/admin/groups/${groupId}/members`,
      { user_id: String(gone.id) },
      admin.cookie,
    )
    expect(r.status).toBe(303)
    expect(await members(groupId)).toEqual([])
  })

  it('an admin renames a group; a taken name answers 422 and a stale rename 409', async () => {
    const [g] = await groups()
    const ok = await t.post(
      `/admin/groups/${g.id}`,
      { name: 'Участок №2', version: String(g.version) },
      admin.cookie,
    )
    expect(ok.status).toBe(303)
    const [renamed] = await audits('group.rename')
    expect(JSON.parse(renamed.before!)).toEqual({ name: 'Участок №1' })
    expect(JSON.parse(renamed.after!)).toEqual({ name: 'Участок №2' })

    await t.post('/admin/groups', { name: 'Бригада Петрова' }, admin.cookie)
    const taken = await t.post(
      `/admin/groups/${g.id}`,
      { name: 'Бригада Петрова', version: String(g.version + 1) },
      admin.cookie,
    )
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('Группа с таким названием уже есть')

    const stale = await t.post(
      `/admin/groups/${g.id}`,
      { name: 'Участок №3', version: String(g.version) },
      admin.cookie,
    )
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Запись уже изменил другой пользователь')
    const [now] = await groups()
    expect(now.name).toBe('Участок №2')
    expect(await audits('group.rename')).toHaveLength(1)
  })

  it('an unknown group answers 404', async () => {
    expect((await t.get('/admin/groups/9999', admin.cookie)).status).toBe(404)
    expect(
      (await t.post('/admin/groups/9999/members', { user_id: String(admin.id) }, admin.cookie))
        .status,
    ).toBe(404)
  })
})
