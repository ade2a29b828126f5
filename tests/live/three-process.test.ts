import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { openDb, type DbHandle } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { createUser } from '../../src/users/users.queries.ts'
import { createSession } from '../../src/auth/sessions.ts'
import { loadSecret, StreamSigner } from '../../src/live/signing.ts'
import { PG_URL } from '../support/db.ts'
import { ackOf, isAck, openSocket } from '../support/live.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { PASSWORD } from '../support/app.ts'
import { projectFields } from '../support/fixtures.ts'

// Three server processes on one PostgreSQL, no balancer, behave as one: changes, jobs and locks
// cross between them (the scale-out of several Fly machines).
describe('three server processes on one PostgreSQL', () => {
  const schema = `t2p_${Date.now().toString(36)}`
  let h: DbHandle
  let a: ServerProcess
  let b: ServerProcess
  let c3: ServerProcess
  let cookie: string
  let signer: StreamSigner

  beforeAll(async () => {
    h = openDb(PG_URL, { schema })
    await migrate(h.db, schema)
    const system = { userId: null, ip: null, requestId: null }
    const id = await createUser(h.db, system, {
      login: 'boss',
      full_name: 'Соколов Андрей Викторович',
      password: PASSWORD,
      role: 'director',
    })
    cookie = `sid=${(await createSession(h.db, id, { ip: null, userAgent: 'vitest', days: 30 })).token}`
    signer = new StreamSigner(await loadSecret(h.db))
    const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema }
    ;[a, b, c3] = await Promise.all([startServer(env), startServer(env), startServer(env)])
  }, 60_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), c3?.stop()])
    await h.close()
    const c = new pg.Client({ connectionString: PG_URL })
    await c.connect()
    await c.query(`drop schema ${schema} cascade`)
    await c.end()
  })

  const post = (s: ServerProcess, path: string, form: Record<string, string>) =>
    fetch(s.origin + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: s.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    })

  it('an edit through process A reaches sockets on B and C; a lock taken on A holds on B and C', async () => {
    const created = await post(
      a,
      '/projects',
      projectFields({ code: 'ДВА-1', short_name: 'Два процесса' }),
    )
    expect(created.status).toBe(303)
    const id = Number(created.headers.get('location')!.split('/').pop())
    const s = await openSocket(
      b.port,
      cookie,
      [signer.sign('projects'), signer.sign(`project:${id}`)],
      b.origin,
    )
    expect(ackOf(await s.next(isAck)).subscribed).toEqual(['projects', `project:${id}`])
    const s3 = await openSocket(c3.port, cookie, [signer.sign('projects')], c3.origin)
    expect(ackOf(await s3.next(isAck)).subscribed).toEqual(['projects'])
    const saved = await post(
      a,
      `/projects/${id}`,
      projectFields({ code: 'ДВА-1', short_name: 'Изменено на A', version: '1' }),
    )
    expect(saved.status).toBe(303)
    const row = await s.next(
      (m) => m.includes(`id="project-${id}"`) && m.includes('Изменено на A'),
      10_000,
    )
    expect(row).toContain('hx-swap-oob')
    await s3.next((m) => m.includes(`id="project-${id}"`) && m.includes('Изменено на A'), 10_000)

    // A lock taken on A is seen on B: its record page shows the holder, live and on load.
    const edit = await fetch(`${a.origin}/projects/${id}/edit`, { headers: { cookie } })
    expect(await edit.text()).toContain('Вы редактируете эту запись')
    const pm = await createUser(
      h.db,
      { userId: null, ip: null, requestId: null },
      { login: 'pm', full_name: 'Орлова Елена Сергеевна', password: PASSWORD, role: 'director' },
    )
    const pmCookie = `sid=${(await createSession(h.db, pm, { ip: null, userAgent: 'vitest', days: 30 })).token}`
    const watcher = await openSocket(b.port, pmCookie, [signer.sign(`project:${id}`)], b.origin)
    await watcher.next(isAck)
    const page = await (
      await fetch(`${b.origin}/projects/${id}`, { headers: { cookie: pmCookie } })
    ).text()
    expect(page).toMatch(/Редактирует Соколов А\. В\. с \d\d:\d\d/)
    await fetch(`${a.origin}/projects/${id}/edit`, { headers: { cookie } }) // re-open: lock event again
    const notice = await watcher.next(
      (m) => m.includes(`id="project-${id}-lock"`) && m.includes('Редактирует'),
      10_000,
    )
    expect(notice).toContain('Соколов А. В.')
    // On C the edit form of the same record is read-only for another user: the lock is shared.
    const other = await (
      await fetch(`${c3.origin}/projects/${id}/edit`, { headers: { cookie: pmCookie } })
    ).text()
    expect(other).toMatch(/Редактирует Соколов А\. В\./)
    await Promise.all([s.close(), s3.close(), watcher.close()])
  })

  it('a job enqueued through one process runs exactly once among three', async () => {
    const r = await post(b, '/documents/export', {})
    expect(r.status).toBe(303)
    const job = Number(r.headers.get('location')!.split('/').pop())
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('jobs')
              .select('state')
              .where('id', '=', job)
              .executeTakeFirstOrThrow()
          ).state,
        { timeout: 20_000 },
      )
      .toBe('done')
    const row = await h.db
      .selectFrom('jobs')
      .select(['attempts', 'result_file_id'])
      .where('id', '=', job)
      .executeTakeFirstOrThrow()
    expect(row.attempts).toBe(1) // claimed once: no second process ran it
    expect(row.result_file_id).not.toBeNull()
  })
})
