import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ORIGIN, testApp, type TestApp } from '../support/app.ts'
import {
  ROLE_DEFAULTS,
  loadRoleSets,
  resetRolePermissions,
  setRolePermission,
} from '../../src/auth/permissions.ts'
import { ROLES } from '../../src/auth/roles.ts'

type Fields = [string, string][]

// The matrix form as a browser submits it: checked boxes and hidden inputs, disabled ones left out.
function formOf(html: string): Fields {
  const start = html.indexOf('id="roles-form"')
  const form = html.slice(start, html.indexOf('</form>', start))
  const fields: Fields = []
  for (const tag of form.match(/<input[^>]*>/g) ?? []) {
    const attr = (n: string) => new RegExp(`\\s${n}(?:="([^"]*)")?[\\s>/]`).exec(tag)
    const name = attr('name')?.[1]
    if (!name || attr('disabled')) continue
    if (attr('type')?.[1] === 'checkbox' && !attr('checked')) continue
    fields.push([name, attr('value')?.[1] ?? ''])
  }
  return fields
}

// Ticks or unticks a cell, as the admin clicking its checkbox.
function tick(fields: Fields, cell: string, on: boolean): Fields {
  const rest = fields.filter(([n, v]) => !(n === 'p' && v === cell))
  return on ? [...rest, ['p', cell]] : rest
}

const flashOf = (r: Response) => {
  const m = /flash=([^;]*)/.exec(r.headers.get('set-cookie') ?? '')
  return m ? decodeURIComponent(decodeURIComponent(m[1])) : null // setFlash encodes, so does the cookie
}

describe.each(DIALECTS)('role permissions on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let director: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  const system = { userId: null, ip: null, requestId: null }

  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    director = await t.signIn('director')
    foreman = await t.signIn('foreman')
  })
  afterEach(() => resetRolePermissions(t.db.db, system, ROLES))
  afterAll(() => t.close())

  const send = (fields: Fields, cookie = admin.cookie, path = '/admin/roles') =>
    t.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        cookie,
      },
    })
  const openForm = async (cookie = admin.cookie) =>
    formOf(await (await t.get('/admin/roles', cookie)).text())
  const change = async (cells: [string, boolean][]) => {
    let f = await openForm()
    for (const [cell, on] of cells) f = tick(f, cell, on)
    return send(f)
  }
  const overrides = () =>
    t.db.db
      .selectFrom('role_permissions')
      .selectAll()
      .orderBy('role')
      .orderBy('permission')
      .execute()
  // Rows of this test only (afterEach resets write their own).
  let mark = 0
  beforeEach(async () => {
    const last = await t.db.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst()
    mark = Number(last?.id ?? 0)
  })
  const auditRows = (action: string, role: string) =>
    t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', mark)
      .where('action', '=', action)
      .where('entity_type', '=', 'role')
      .where('entity_id', '=', role)
      .orderBy('id')
      .execute()

  it('without a session the page and its posts lead to the login page', async () => {
    for (const r of [
      await t.get('/admin/roles'),
      await t.post('/admin/roles', {}),
      await t.post('/admin/roles/foreman/reset', {}),
    ]) {
      expect(r.status).toBe(303)
      expect(r.headers.get('location')).toMatch(/^\/login/)
    }
  })

  it('a director without users.manage gets 403 on the page and on every post, and nothing changes', async () => {
    expect((await t.get('/admin/roles', director.cookie)).status).toBe(403)
    const form = tick(await openForm(), 'director:users.manage', true)
    expect((await send(form, director.cookie)).status).toBe(403)
    expect((await send([], director.cookie, '/admin/roles/reset')).status).toBe(403)
    expect((await send([], director.cookie, '/admin/roles/foreman/reset')).status).toBe(403)
    expect(await overrides()).toEqual([])
  })

  it('shows every role and permission grouped by area, each cell ticked by the role’s rights', async () => {
    const html = await (await t.get('/admin/roles', admin.cookie)).text()
    for (const label of ['Прораб', 'Кладовщик', 'Строительный контроль / заказчик'])
      expect(html).toContain(label)
    for (const area of ['Проекты', 'Заказчики', 'ИД', 'Замечания', 'Журнал и ГПР', 'Склад'])
      expect(html).toContain(`>${area}<`)
    expect(html).toContain('Администрирование')
    const ticked = formOf(html)
      .filter(([n]) => n === 'p')
      .map(([, v]) => v)
    expect(ticked).toContain('foreman:worklog.read')
    expect(ticked).not.toContain('foreman:customers.write')
    expect(ticked.filter((c) => c.startsWith('admin:'))).toHaveLength(ROLE_DEFAULTS.admin.length)
    expect(html).not.toContain('изменено')
  })

  it('granting a foreman customers.write lets the signed-in foreman create a customer on his next request', async () => {
    expect((await t.post('/customers', { name: 'ООО «До права»' }, foreman.cookie)).status).toBe(
      403,
    )
    const r = await change([['foreman:customers.write', true]])
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe('/admin/roles')
    expect(flashOf(r)).toBe('Права ролей сохранены: 1 изменение')
    const created = await t.post('/customers', { name: 'ООО «После права»' }, foreman.cookie)
    expect(created.status).toBe(303)
    expect(await overrides()).toEqual([
      { role: 'foreman', permission: 'customers.write', granted: 1 },
    ])
    // The page marks the cell as changed and names the default.
    const html = await (await t.get('/admin/roles', admin.cookie)).text()
    const cell = html.slice(
      html.lastIndexOf('<td', html.indexOf('value="foreman:customers.write"')),
    )
    expect(cell.slice(0, cell.indexOf('</td>'))).toMatch(
      /data-changed="true"[\s\S]*изменено[\s\S]*по умолч\.: нет/,
    )
  })

  it('revoking worklog.read from the foreman makes his next GET /worklog a 403, audited with before and after', async () => {
    expect((await t.get('/worklog', foreman.cookie)).status).toBe(200)
    const r = await change([['foreman:worklog.read', false]])
    expect(flashOf(r)).toBe('Права ролей сохранены: 1 изменение')
    expect((await t.get('/worklog', foreman.cookie)).status).toBe(403)
    const [row] = await auditRows('role.permission', 'foreman')
    expect(row.user_id).toBe(admin.id)
    expect(JSON.parse(row.before!)).toEqual([...ROLE_DEFAULTS.foreman].sort())
    expect(JSON.parse(row.after!)).toEqual(
      ROLE_DEFAULTS.foreman.filter((p) => p !== 'worklog.read').sort(),
    )
  })

  it('writes only the cells that changed: ticking a cell back to its default deletes the override', async () => {
    await change([
      ['pto_engineer:stock.write', true],
      ['pto_engineer:documents.write', false],
      ['viewer:audit.read', true],
    ])
    expect(await overrides()).toHaveLength(3)
    const back = await change([['pto_engineer:stock.write', false]])
    expect(flashOf(back)).toBe('Права ролей сохранены: 1 изменение')
    expect(await overrides()).toEqual([
      { role: 'pto_engineer', permission: 'documents.write', granted: 0 },
      { role: 'viewer', permission: 'audit.read', granted: 1 },
    ])
    const audited = (await auditRows('role.permission', 'viewer')).length
    const same = await send(await openForm())
    expect(flashOf(same)).toBe('Права ролей не изменились')
    expect(await auditRows('role.permission', 'viewer')).toHaveLength(audited)
  })

  it('two admins editing different cells at once keep both changes', async () => {
    const other = await t.signIn('admin')
    const mine = await openForm()
    const theirs = await openForm(other.cookie)
    await send(tick(mine, 'storekeeper:requests.create', true))
    await send(tick(theirs, 'inspector:documents.read', true), other.cookie)
    const sets = await loadRoleSets(t.db.db)
    expect(sets.get('storekeeper')!.has('requests.create')).toBe(true)
    expect(sets.get('inspector')!.has('documents.read')).toBe(true)
  })

  it('refuses to take users.manage from the admin role, with the reason, writing nothing', async () => {
    const form = tick(
      tick(await openForm(), 'admin:users.manage', false),
      'foreman:customers.write',
      true,
    )
    expect(form.some(([n, v]) => n === 'p' && v === 'admin:users.manage')).toBe(false)
    const r = await send(form)
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('Роль «Администратор» не может потерять право')
    // The admin's other edit is still ticked on the re-shown form.
    expect(formOf(html)).toContainEqual(['p', 'foreman:customers.write'])
    expect(await overrides()).toEqual([])
    expect(await auditRows('role.permission', 'admin')).toEqual([])
    // An override stored behind the page's back does not take it away either.
    await t.db.db
      .insertInto('role_permissions')
      .values({ role: 'admin', permission: 'users.manage', granted: 0 })
      .execute()
    await setRolePermission(t.db.db, 'viewer', 'audit.read', true) // new stamp: caches reload
    expect((await t.get('/admin/roles', admin.cookie)).status).toBe(200)
  })

  it('a reset restores one role’s defaults, then all roles’, each audited with before and after', async () => {
    await change([
      ['foreman:customers.write', true],
      ['foreman:worklog.read', false],
      ['site_chief:reports.weekly', true],
    ])
    const one = await send([], admin.cookie, '/admin/roles/foreman/reset')
    expect(one.status).toBe(303)
    expect(flashOf(one)).toBe('Права роли «Прораб» сброшены к умолчаниям: 2 изменения')
    expect(await overrides()).toEqual([
      { role: 'site_chief', permission: 'reports.weekly', granted: 1 },
    ])
    expect((await t.get('/worklog', foreman.cookie)).status).toBe(200)
    const [foremanReset] = await auditRows('role.reset', 'foreman')
    expect(JSON.parse(foremanReset.before!)).toContain('customers.write')
    expect(JSON.parse(foremanReset.after!)).toEqual([...ROLE_DEFAULTS.foreman].sort())

    const all = await send([], admin.cookie, '/admin/roles/reset')
    expect(flashOf(all)).toBe('Права всех ролей сброшены к умолчаниям: 1 изменение')
    expect(await overrides()).toEqual([])
    const [chiefReset] = await auditRows('role.reset', 'site_chief')
    expect(JSON.parse(chiefReset.before!)).toContain('reports.weekly')
    expect(JSON.parse(chiefReset.after!)).not.toContain('reports.weekly')
    const again = await send([], admin.cookie, '/admin/roles/reset')
    expect(flashOf(again)).toBe('Права уже по умолчанию')
    expect(await auditRows('role.reset', 'foreman')).toHaveLength(1)
  })

  it('the audit log names the role actions', async () => {
    await change([['viewer:audit.read', true]])
    const html = await (await t.get('/admin/audit?entity=role', admin.cookie)).text()
    expect(html).toContain('Изменение прав роли')
  })

  it('an unknown role is 404 and a forged cell is 400', async () => {
    expect((await send([], admin.cookie, '/admin/roles/nosuch/reset')).status).toBe(404)
    expect((await send([['p', 'foreman:nosuch.perm']])).status).toBe(400)
    expect((await send([['p', 'king:projects.read']])).status).toBe(400)
    expect(await overrides()).toEqual([])
  })
})

describe.each(DIALECTS)('the last administrator on %s', (dialect) => {
  it('refuses a change or a reset that would leave no active user with users.manage', async () => {
    const t = await testApp(dialect)
    try {
      // No admin user at all: the director administers through an override.
      await setRolePermission(t.db.db, 'director', 'users.manage', true)
      const director = await t.signIn('director')
      const page = await t.get('/admin/roles', director.cookie)
      expect(page.status).toBe(200)
      const form = tick(formOf(await page.text()), 'director:users.manage', false)
      const r = await t.app.request('/admin/roles', {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          cookie: director.cookie,
        },
      })
      expect(r.status).toBe(422)
      expect(await r.text()).toContain('не останется ни одного активного пользователя')
      const reset = await t.post('/admin/roles/director/reset', {}, director.cookie)
      expect(reset.status).toBe(409)
      expect(await reset.text()).toContain('не останется ни одного активного пользователя')
      expect((await loadRoleSets(t.db.db)).get('director')!.has('users.manage')).toBe(true)
      // Once an active admin exists, the director may give the right back.
      await t.signIn('admin')
      expect((await t.post('/admin/roles/director/reset', {}, director.cookie)).status).toBe(303)
      expect((await t.get('/admin/roles', director.cookie)).status).toBe(403)
    } finally {
      await t.close()
    }
  })
})
