import { request } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb, type DbHandle } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { createSession } from '../../src/auth/sessions.ts'
import { createUser } from '../../src/users/users.queries.ts'
import { enqueue } from '../../src/jobs/queue.ts'
import { EXPORT_KIND } from '../../src/documents/export.job.ts'
import { loadSecret, StreamSigner } from '../../src/live/signing.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

// A restart as a deploy does it: SIGTERM to a real server process while a request is still
// arriving, a page is open and a job is queued; then the next process takes over.
describe('graceful restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strod-graceful-'))
  const env = { DATABASE_URL: `file:${join(dir, 'app.db')}`, UPLOAD_DIR: join(dir, 'uploads') }
  let h: DbHandle
  let cookie: string
  let userId: number
  beforeAll(async () => {
    h = openDb(env.DATABASE_URL)
    await migrate(h.db)
    const system = { userId: null, ip: null, requestId: null }
    userId = await createUser(h.db, system, {
      login: 'boss',
      full_name: 'Соколов Андрей',
      password: 'Проверка-пароля-2026',
      role: 'admin',
    })
    const s = await createSession(h.db, userId, { ip: null, userAgent: 'vitest', days: 1 })
    cookie = `sid=${s.token}`
  })
  afterAll(() => h.close())

  // A form post whose body arrives in two halves, the second after `between` has run.
  function slowPost(
    server: ServerProcess,
    path: string,
    body: string,
    between: () => Promise<void>,
  ) {
    return new Promise<{ status: number; location: string | null }>((resolve, reject) => {
      const bytes = Buffer.from(body)
      const req = request(
        `${server.origin}${path}`,
        {
          method: 'POST',
          headers: {
            cookie,
            origin: server.origin,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(bytes.length),
          },
        },
        (res) => {
          res.resume()
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null })
        },
      )
      req.on('error', reject)
      req.write(bytes.subarray(0, 10))
      // The restart comes once the server has the request (connected, headers read), as a
      // deploy finds requests in flight; a signal before the connection would just refuse it.
      req.once('socket', (socket) =>
        socket.once('connect', () =>
          setTimeout(() => void between().then(() => req.end(bytes.subarray(10))), 300),
        ),
      )
    })
  }

  it('finishes the request in flight, tells the open page, and the queued job is done exactly once', async () => {
    const a = await startServer(env)
    const signer = new StreamSigner(await loadSecret(h.db))
    const ws = new WebSocket(
      `ws://127.0.0.1:${a.port}/ws?s=${encodeURIComponent(signer.sign(`user:${userId}`))}`,
      { headers: { cookie, origin: a.origin } },
    )
    const messages: string[] = []
    ws.on('message', (m) => messages.push(m.toString()))
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise((resolve) => ws.once('open', resolve))
    const job = await enqueue(h.db, { userId }, EXPORT_KIND, { query: {} })
    const exited = new Promise<number | null>((resolve) => a.child.once('exit', resolve))
    const name = 'ООО «Перезапуск»'
    const res = await slowPost(a, '/customers', `name=${encodeURIComponent(name)}`, async () => {
      a.child.kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 1500)) // the server is draining meanwhile
    })
    expect(res.status).toBe(303)
    expect(await closed).toBe(1012)
    expect(messages.join('')).toContain('Сервер перезапускается')
    expect(await exited).toBe(0)
    const saved = await h.db.selectFrom('customers').select('id').where('name', '=', name).execute()
    expect(saved).toHaveLength(1)

    // The next process finishes whatever the first did not.
    const b = await startServer(env)
    try {
      await expect
        .poll(
          async () =>
            (
              await h.db
                .selectFrom('jobs')
                .select(['state', 'result_file_id'])
                .where('id', '=', job)
                .executeTakeFirstOrThrow()
            ).state,
          { timeout: 15_000 },
        )
        .toBe('done')
      const files = await h.db
        .selectFrom('jobs')
        .select('result_file_id')
        .where('id', '=', job)
        .executeTakeFirstOrThrow()
      expect(files.result_file_id).not.toBeNull()
    } finally {
      await b.stop()
    }
  })
})
