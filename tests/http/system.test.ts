import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'

describe.each(DIALECTS)('health, metrics and errors on %s', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp(dialect, { METRICS_TOKEN: 'metrics-secret-1' })
  })
  afterAll(() => t.close())

  it('answers /healthz and /readyz without a session', async () => {
    expect(await (await t.get('/healthz')).text()).toBe('ok')
    const ready = await t.get('/readyz')
    expect(ready.status).toBe(200)
  })

  it('guards /metrics with the bearer token', async () => {
    expect((await t.get('/metrics')).status).toBe(401)
    const r = await t.get('/metrics', undefined, { authorization: 'Bearer metrics-secret-1' })
    expect(r.status).toBe(200)
    const text = await r.text()
    expect(text).toContain('http_request_duration_seconds')
    // Latency by route (the pattern, not the path), sockets, locks, the job queue and run times.
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/metrics"/)
    for (const name of [
      'live_sockets',
      'edit_locks_held',
      'jobs_queue_depth',
      'job_duration_seconds',
    ])
      expect(text).toContain(name)
    expect(text).toMatch(/jobs_queue_depth\{state="queued"\} \d+/)
    if (dialect === 'postgres') expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/)
  })

  it('shows a Russian 404 page and echoes a request id', async () => {
    const { cookie } = await t.signIn('admin')
    const r = await t.get('/no-such-page', cookie, { 'x-request-id': 'req-123' })
    expect(r.status).toBe(404)
    expect(r.headers.get('x-request-id')).toBe('req-123')
    expect(await r.text()).toContain('Страница не найдена')
  })

  it('/readyz reports 503 when the database is gone', async () => {
    const other = await testApp(dialect)
    const { cookie } = await other.signIn('admin')
    await other.db.close()
    expect((await other.get('/readyz')).status).toBe(503)
    const page = await other.get('/projects', cookie, { 'x-request-id': 'req-broken-42' })
    expect(page.status).toBe(500)
    const html = await page.text()
    expect(html).toContain('Ошибка сервера')
    // The code on the page is the request id of the log line.
    expect(html).toContain('Код ошибки: <span class="font-mono">req-broken-42</span>')
  })
})

describe('client IP', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    for (const [env, expected] of [
      [{}, 'local'],
      [{ TRUST_PROXY: 'true' }, '203.0.113.9'],
    ] as const) {
      const t = await testApp('sqlite', env)
      try {
        await t.signIn('viewer', 'someone')
        await t.db.db.deleteFrom('audit_log').execute()
        await t.post('/login', { login: 'nobody', password: 'wrong-password' }, undefined, {
          'x-forwarded-for': '203.0.113.9, 10.0.0.1',
        })
        const row = await t.db.db.selectFrom('audit_log').select('ip').executeTakeFirstOrThrow()
        expect(row.ip).toBe(expected)
      } finally {
        await t.close()
      }
    }
  })
})
