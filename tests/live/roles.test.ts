import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createApp, type App } from '../../src/app.tsx'
import { loadConfig } from '../../src/config.ts'
import { openDb, type DbHandle, type Dialect } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { createLive } from '../../src/live/live.ts'
import type { Hub } from '../../src/live/hub.ts'
import { createLogger } from '../../src/system/logger.ts'
import { createSession } from '../../src/auth/sessions.ts'
import { createUser } from '../../src/users/users.queries.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { DIALECTS, PG_URL } from '../support/db.ts'
import { ORIGIN, PASSWORD } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

// The admin's matrix form, as the browser submits it, with some cells ticked or unticked.
async function submitMatrix(
  request: (path: string, init?: RequestInit) => Response | Promise<Response>,
  cookie: string,
  cells: [string, boolean][],
) {
  const html = await (await request('/admin/roles', { headers: { cookie } })).text()
  const start = html.indexOf('id="roles-form"')
  const form = html.slice(start, html.indexOf('</form>', start))
  let fields: [string, string][] = []
  for (const tag of form.match(/<input[^>]*>/g) ?? []) {
    const attr = (n: string) => new RegExp(`\\s${n}(?:="([^"]*)")?[\\s>/]`).exec(tag)
    const name = attr('name')?.[1]
    if (!name || attr('disabled')) continue
    if (attr('type')?.[1] === 'checkbox' && !attr('checked')) continue
    fields.push([name, attr('value')?.[1] ?? ''])
  }
  for (const [cell, on] of cells) {
    fields = fields.filter(([n, v]) => !(n === 'p' && v === cell))
    if (on) fields.push(['p', cell])
  }
  return request('/admin/roles', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie },
  })
}

describe.each(DIALECTS)('role permission changes reach open pages on %s', (dialect) => {
  let t: LiveTestApp
  beforeAll(async () => {
    t = await liveTestApp(dialect)
  })
  afterAll(() => t.close())

  it('a foreman’s socket loses the work log stream with worklog.read, and only his page reloads', async () => {
    const admin = await t.signIn('admin')
    const director = await t.signIn('director')
    const foreman = await t.signIn('foreman')
    const projectId = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, projectId, foreman.id)
    const streams = ['worklog', `worklog:${projectId}`]
    const his = await t.socket(foreman.cookie, streams)
    expect(ackOf(await his.next(isAck)).subscribed).toEqual(streams)
    const boss = await t.socket(director.cookie, streams)
    expect(ackOf(await boss.next(isAck)).subscribed).toEqual(streams)

    const r = await submitMatrix(t.app.request, admin.cookie, [['foreman:worklog.read', false]])
    expect(r.status).toBe(303)
    // Each stream refused in its own ack, as when a member loses a project.
    for (const stream of streams)
      await his.next((m) => isAck(m) && ackOf(m).refused.includes(stream))
    const reload = await his.next((m) => m.includes('id="live-refresh"'))
    expect(reload).toContain('data-targets="[data-resync]"')
    await t.live.idle()
    expect(boss.messages.join('')).not.toContain('live-refresh')

    // A new line reaches the director's log, not the foreman's page any more.
    const type = await t.db.db
      .selectFrom('marking_types')
      .select('id')
      .where('code', '=', '1.1')
      .executeTakeFirstOrThrow()
    his.messages.length = 0
    const saved = await t.post(
      `/projects/${projectId}/worklog`,
      {
        work_date: moscowToday(),
        l0_material_code: 'tp',
        l0_marking_type_id: String(type.id),
        l0_metres: '120',
      },
      director.cookie,
    )
    expect(saved.status).toBe(303)
    await boss.next((m) => m.includes('afterbegin:#worklog-rows'))
    await t.live.idle()
    expect(his.messages.join('')).not.toContain('worklog-rows')
    await Promise.all([his.close(), boss.close()])
  })
})

// The database both processes share: a SQLite file, or a PostgreSQL schema.
async function sharedDb(
  dialect: Dialect,
): Promise<{ h: DbHandle; env: Record<string, string>; drop: () => unknown }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'roles-'))
    const url = `file:${join(dir, 'strod.db')}`
    const h = openDb(url)
    await migrate(h.db)
    return { h, env: { DATABASE_URL: url }, drop: () => rmSync(dir, { recursive: true }) }
  }
  const schema = `troles_${Date.now().toString(36)}`
  const h = openDb(PG_URL, { schema })
  await migrate(h.db, schema)
  const drop = async () => {
    const c = new pg.Client({ connectionString: PG_URL })
    await c.connect()
    await c.query(`drop schema ${schema} cascade`)
    await c.end()
  }
  return { h, env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema }, drop }
}

// This test process serves as process A; B is a real server started beside it.
describe.each(DIALECTS)('a second server process on %s', (dialect) => {
  let h: DbHandle
  let drop: () => unknown
  let live: Hub
  let app: App
  let b: ServerProcess
  const cookies: Record<string, string> = {}

  beforeAll(async () => {
    const shared = await sharedDb(dialect)
    h = shared.h
    drop = shared.drop
    const system = { userId: null, ip: null, requestId: null }
    for (const role of ['admin', 'foreman'] as const) {
      const id = await createUser(h.db, system, {
        login: role,
        full_name: `Тестов ${role} Тестович`,
        password: PASSWORD,
        role,
      })
      const s = await createSession(h.db, id, { ip: null, userAgent: 'vitest', days: 30 })
      cookies[role] = `sid=${s.token}`
    }
    const logger = createLogger('silent')
    live = await createLive(h, logger)
    const config = loadConfig({ LOG_LEVEL: 'silent' })
    app = createApp({ db: h.db, dialect, config, logger, live })
    b = await startServer(shared.env)
  }, 60_000)

  afterAll(async () => {
    await b?.stop()
    await live?.close()
    await h?.close()
    await drop?.()
  })

  const onB = (path: string) =>
    fetch(b.origin + path, { headers: { cookie: cookies.foreman }, redirect: 'manual' })

  it('sees a change made through the first process on its very next request', async () => {
    expect((await onB('/customers/new')).status).toBe(403) // B has now cached the defaults
    expect((await onB('/worklog')).status).toBe(200)
    const r = await submitMatrix(app.request, cookies.admin, [
      ['foreman:customers.write', true],
      ['foreman:worklog.read', false],
    ])
    expect(r.status).toBe(303)
    expect((await onB('/customers/new')).status).toBe(200)
    expect((await onB('/worklog')).status).toBe(403)
  })
})
