import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { storeUpload } from '../../src/files/storage.ts'
import { jobRoutes } from '../../src/jobs/jobs.routes.tsx'
import { enqueue } from '../../src/jobs/queue.ts'
import { JobError, Worker } from '../../src/jobs/worker.ts'
import { loadConfig } from '../../src/config.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { DIALECTS } from '../support/db.ts'

async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v as NonNullable<T>
    if (Date.now() > until) throw new Error('waitFor: timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe.each(DIALECTS)('job pages on %s', (dialect) => {
  let t: TestApp
  let dir: string
  let owner: { id: number; cookie: string }
  let other: { id: number; cookie: string }
  let worker: Worker
  let failNext = true

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jobs-'))
    const env = { UPLOAD_DIR: dir }
    t = await testApp(dialect, env)
    t.app.route('/jobs', jobRoutes) // as app.tsx will mount it (behind requireUser)
    owner = await t.signIn('pto_engineer')
    other = await t.signIn('director')
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
    // The export the report's example describes: rows into a workbook, stored as the result.
    worker = new Worker({ db: t.db.db, live: t.live, pollMs: 20, progressEveryMs: 10 })
      .register<{ rows: string[] }>('test.xlsx', async (job, ctx) => {
        const wb = new ExcelJS.Workbook()
        const ws = wb.addWorksheet('Реестр')
        ws.addRow(['№', 'Наименование'])
        job.payload.rows.forEach((r, i) => ws.addRow([i + 1, r]))
        await ctx.progress(50, 'Файл собран')
        const buffer = Buffer.from(await wb.xlsx.writeBuffer())
        const file = await storeUpload(
          ctx.db,
          { userId: job.created_by, ip: null, requestId: `job:${job.id}` },
          config,
          new File([buffer], 'Реестр документации.xlsx', { type: XLSX_MIME }),
          { allowed: ['office'] },
        )
        return { fileId: file.id, message: `Выгружено строк: ${job.payload.rows.length}` }
      })
      .register('test.flaky', async () => {
        if (failNext) throw new JobError('Нет связи с сервером печати')
        return { message: 'Напечатано' }
      })
      .start()
  })
  afterEach(() => {
    failNext = true
  })
  afterAll(async () => {
    await worker.stop(1000)
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  const settled = (id: number) =>
    waitFor(async () => {
      const r = await t.db.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      return r.state === 'done' || r.state === 'failed' ? r : null
    })

  it('the creator sees the page, watches its stream and downloads the workbook', async () => {
    const rows = ['Акт освидетельствования скрытых работ № 1', 'Исполнительная схема разметки']
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.xlsx', { rows })
    const done = await settled(id)
    expect(done).toMatchObject({ state: 'done', progress: 100 })

    const page = await t.get(`/jobs/${id}`, owner.cookie)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`id="job-${id}"`)
    expect(html).toContain('Выгружено строк: 2')
    expect(html).toContain(`href="/jobs/${id}/download"`)
    expect(html).toContain('hx-boost="false"')
    expect(html).toContain('Реестр документации.xlsx')
    expect(html).toContain('ws-connect="/ws?s=') // the page watches job:<id>

    // The resync after a reconnect asks for the fragment alone.
    const frag = await t.get(`/jobs/${id}`, owner.cookie, { 'hx-request': 'true' })
    const fragHtml = await frag.text()
    expect(fragHtml.startsWith(`<section id="job-${id}"`)).toBe(true)

    const dl = await t.get(`/jobs/${id}/download`, owner.cookie)
    expect(dl.status).toBe(200)
    expect(dl.headers.get('content-type')).toBe(XLSX_MIME)
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment/)
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await dl.arrayBuffer())
    const sheet = wb.getWorksheet('Реестр')!
    expect(sheet.getRow(2).getCell(2).value).toBe(rows[0])
    expect(sheet.getRow(3).getCell(2).value).toBe(rows[1])
  })

  it('another user gets 404 for the page, the download and the retry; no session → login', async () => {
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.xlsx', { rows: ['Строка'] })
    await settled(id)
    expect((await t.get(`/jobs/${id}`, other.cookie)).status).toBe(404)
    expect((await t.get(`/jobs/${id}/download`, other.cookie)).status).toBe(404)
    expect((await t.post(`/jobs/${id}/retry`, {}, other.cookie)).status).toBe(404)
    expect((await t.get(`/jobs/999999`, owner.cookie)).status).toBe(404)
    expect((await t.get(`/jobs/abc`, owner.cookie)).status).toBe(404)

    for (const r of [
      await t.get(`/jobs/${id}`),
      await t.get(`/jobs/${id}/download`),
      await t.post(`/jobs/${id}/retry`, {}),
    ]) {
      expect(r.status).toBe(303)
      expect(r.headers.get('location')).toMatch(/^\/login\?next=/)
    }
    expect((await t.get(`/jobs/${id}`)).headers.get('location')).toBe(
      `/login?next=${encodeURIComponent(`/jobs/${id}`)}`,
    )
  })

  it('a job that is not done offers no download', async () => {
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.none', {})
    expect((await t.get(`/jobs/${id}/download`, owner.cookie)).status).toBe(404)
    const html = await (await t.get(`/jobs/${id}`, owner.cookie)).text()
    expect(html).toContain('В очереди')
    expect(html).toContain('<progress')
    expect(html).not.toContain('/download')
  })

  it('a failed job shows why and «Повторить»; the retry queues it again and it completes', async () => {
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.flaky', {})
    expect(await settled(id)).toMatchObject({ state: 'failed', attempts: 1 })
    const html = await (await t.get(`/jobs/${id}`, owner.cookie)).text()
    expect(html).toContain('Нет связи с сервером печати')
    expect(html).toContain(`action="/jobs/${id}/retry"`)
    expect(html).toContain('Повторить')

    failNext = false
    const r = await t.post(`/jobs/${id}/retry`, {}, owner.cookie)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/jobs/${id}`)
    const done = await settled(id)
    expect(done).toMatchObject({ state: 'done', attempts: 1, error: null, message: 'Напечатано' })

    // Only a failed job can be retried: a done one stays as it is.
    const again = await t.post(`/jobs/${id}/retry`, {}, owner.cookie)
    expect(again.status).toBe(303)
    const after = await t.db.db
      .selectFrom('jobs')
      .select(['state', 'finished_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({ state: 'done', finished_at: done.finished_at })
  })

  it('a retry from the page’s htmx form answers with the fragment', async () => {
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.flaky', {})
    await settled(id)
    await worker.stop(1000) // so the answer shows the job queued, not already run again
    try {
      const r = await t.post(`/jobs/${id}/retry`, {}, owner.cookie, { 'hx-request': 'true' })
      expect(r.status).toBe(200)
      const html = await r.text()
      expect(html.startsWith(`<section id="job-${id}"`)).toBe(true)
      expect(html).toContain('data-state="queued"')
    } finally {
      worker.start()
    }
    await settled(id)
  })
})
