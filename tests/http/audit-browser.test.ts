import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { jobIdOf, runJobUntilDone } from '../support/jobs.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { AUDIT_EXPORT_KIND, exportAuditXlsx } from '../../src/audit/export.job.ts'
import { loadConfig } from '../../src/config.ts'
import { Worker } from '../../src/jobs/worker.ts'

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-audit-'))
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

type Who = { id: number; cookie: string }

describe.each(DIALECTS)('audit log browser on %s', (dialect) => {
  let t: TestApp
  let admin: Who
  let customerId: number
  const LONG = `Длинный комментарий: ${'очень '.repeat(40)}конец`
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    admin = await t.signIn('admin')
    const r = await t.post(
      '/customers',
      { name: 'ГКУ «Мосавтодор»', inn: '5000001525', comments: 'исходный' },
      admin.cookie,
    )
    customerId = Number(r.headers.get('location')!.split('/').pop())
    await t.post(
      `/customers/${customerId}`,
      { name: 'ГКУ МО «Мосавтодор»', inn: '5000001525', comments: LONG, version: '1' },
      admin.cookie,
    )
    await t.post('/customers', { name: 'ООО «Разметка_100%»' }, admin.cookie)
  })
  afterAll(() => t.close())

  const ids = (html: string) => [...html.matchAll(/id="audit-(\d+)"/g)].map((m) => Number(m[1]))
  const body = (html: string) => html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))
  const list = async (query: string, who = admin) => {
    const r = await t.get(`/admin/audit${query}`, who.cookie)
    expect(r.status).toBe(200)
    return body(await r.text())
  }
  const auditId = async (action: string) =>
    (
      await t.db.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', action)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id

  it('finds entries by a word of their values in any case, or by the record id', async () => {
    const update = await auditId('customer.update')
    for (const q of ['мосавтодор', 'МОСАВТОДОР', 'ГКУ МО'])
      expect(ids(await list(`?q=${encodeURIComponent(q)}`)), q).toContain(update)
    const byId = ids(await list(`?entity=customer&q=${customerId}`))
    expect(byId).toContain(update)
    expect(ids(await list(`?q=${encodeURIComponent('никто-так-не-пишет')}`))).toEqual([])
    // The user's % and _ are text, not wildcards.
    const percent = ids(await list(`?q=${encodeURIComponent('_100%')}`))
    expect(percent).toHaveLength(1)
    expect(ids(await list(`?q=${encodeURIComponent('%')}`))).toEqual(percent)
    // Free text combines with the other filters.
    expect(ids(await list(`?action=user&q=${encodeURIComponent('мосавтодор')}`))).toEqual([])
  })

  it('a text search is still one query for the page', async () => {
    await t.get('/admin/audit', admin.cookie, { 'hx-request': 'true' })
    t.takeQueryCount()
    await t.get('/admin/audit', admin.cookie, { 'hx-request': 'true' })
    const plain = t.takeQueryCount()
    await t.get('/admin/audit?q=%D0%93%D0%9A%D0%A3', admin.cookie, { 'hx-request': 'true' })
    expect(t.takeQueryCount()).toBe(plain)
  })

  it('shows only the changed fields: the old value struck through, the new one highlighted', async () => {
    const update = await auditId('customer.update')
    const html = await list(`?entity=customer&entity_id=${customerId}`)
    const row = html.slice(html.indexOf(`id="audit-${update}"`))
    const cells = row.slice(0, row.indexOf('</tr>'))
    expect(cells).toMatch(
      /Наименование<\/dt><dd[^>]*><del[^>]*data-audit="old"[^>]*>ГКУ «Мосавтодор»<\/del>.*<ins[^>]*data-audit="new"[^>]*>ГКУ МО «Мосавтодор»<\/ins>/s,
    )
    expect(cells).not.toContain('>ИНН<') // unchanged
    expect(cells).not.toContain('>Версия<') // bookkeeping: the entry's own columns say it
    // A long value: its start in the summary, the whole of it inside the details.
    const long = cells.slice(cells.indexOf('>Комментарии<'))
    expect(long).toMatch(
      /^>Комментарии<\/dt><dd[^>]*><del[^>]*>исходный<\/del>.*<details[^>]*data-audit="new"/s,
    )
    expect(long).toContain(`${LONG.slice(0, 80)}…`)
    expect(long).toContain(`data-full="true">${LONG}</ins>`)
  })

  it('an unknown column is shown under its own name', async () => {
    const id = await t.db.db
      .insertInto('audit_log')
      .values({
        at: new Date().toISOString(),
        user_id: admin.id,
        ip: null,
        request_id: null,
        action: 'material.update',
        entity_type: 'material',
        entity_id: '1',
        before: JSON.stringify({ norm_per_m2: 0.5, name: 'Краска' }),
        after: JSON.stringify({ norm_per_m2: 0.7, name: 'Краска' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const html = await list('?entity=material')
    const row = html.slice(html.indexOf(`id="audit-${id.id}"`))
    const cells = row.slice(0, row.indexOf('</tr>'))
    expect(cells).toMatch(/norm_per_m2<\/dt>.*0,5.*0,7/s)
    expect(cells).not.toContain('Наименование')
  })

  it('an entry has its own page with the full values before and after', async () => {
    const update = await auditId('customer.update')
    const r = await t.get(`/admin/audit/${update}`, admin.cookie)
    expect(r.status).toBe(200)
    const html = await r.text()
    expect(html).toContain(`Запись журнала № ${update}`)
    expect(html).toContain('Изменение заказчика')
    expect(html).toContain(`href="/admin/audit?entity=customer&amp;entity_id=${customerId}"`)
    const before = html.slice(html.indexOf('data-audit-json="До"'))
    expect(before.slice(0, before.indexOf('</pre>'))).toContain(
      '&quot;comments&quot;: &quot;исходный&quot;',
    )
    const after = html.slice(html.indexOf('data-audit-json="После"'))
    expect(after.slice(0, after.indexOf('</pre>'))).toContain(LONG)
    expect((await t.get('/admin/audit/999999', admin.cookie)).status).toBe(404)
    expect((await t.get('/admin/audit/abc', admin.cookie)).status).toBe(404)
    const foreman = await t.signIn('foreman')
    expect((await t.get(`/admin/audit/${update}`, foreman.cookie)).status).toBe(403)
    expect((await t.get(`/admin/audit/${update}`)).headers.get('location')).toMatch(/^\/login/)
  })

  it('a record page links to its history only for those who read the log', async () => {
    const page = await (await t.get(`/customers/${customerId}`, admin.cookie)).text()
    expect(page).toContain(`href="/admin/audit?entity=customer&amp;entity_id=${customerId}"`)
    const pto = await t.signIn('pto_engineer')
    const theirs = await (await t.get(`/customers/${customerId}`, pto.cookie)).text()
    expect(theirs).not.toContain('data-history-link')
    const history = await list(`?entity=customer&entity_id=${customerId}`)
    expect(history).toContain('Создание заказчика')
    expect(history).toContain('Изменение заказчика')
  })

  it('exports the filtered log to Excel in a job, and the export itself is audited', async () => {
    const foreman = await t.signIn('foreman')
    expect((await t.post('/admin/audit/export', {}, foreman.cookie)).status).toBe(403)
    const r = await t.post(
      '/admin/audit/export',
      { entity: 'customer', q: 'мосавтодор', after: 'bogus' },
      admin.cookie,
    )
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toMatch(/^\/jobs\/\d+$/)
    const jobId = jobIdOf(r)
    const logged = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.export')
      .executeTakeFirstOrThrow()
    expect(logged).toMatchObject({
      user_id: admin.id,
      entity_type: 'job',
      entity_id: String(jobId),
    })
    expect(JSON.parse(logged.after!).filters).toEqual({ entity: 'customer', q: 'мосавтодор' })
    await runJobUntilDone(t, jobId, uploadDir)
    const page = await (await t.get(`/jobs/${jobId}`, admin.cookie)).text()
    expect(page).toContain('Выгрузка журнала аудита в Excel')
    expect(page).toContain('Выгружено записей: 2')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await (await t.get(`/jobs/${jobId}/download`, admin.cookie)).arrayBuffer())
    const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((v) =>
      v.slice(1),
    )
    expect(rows[0].slice(0, 3)).toEqual(['№', 'Время (МСК)', 'Пользователь'])
    expect(rows.slice(1).map((row) => row[6])).toEqual(['customer.update', 'customer.create'])
    expect(String(rows[1][9])).toContain('Наименование: ГКУ «Мосавтодор» → ГКУ МО «Мосавтодор»')
    const info = wb.getWorksheet('Параметры')!.getSheetValues().filter(Boolean) as unknown[][]
    expect(info.map((v) => v.slice(1))).toEqual(
      expect.arrayContaining([
        ['Объект', 'Заказчик'],
        ['Текст', 'мосавтодор'],
        ['Выгружено записей', '2'],
      ]),
    )
  })

  it('an export past its bound stops and says so in the file', async () => {
    const r = await t.post('/admin/audit/export', { entity: 'customer' }, admin.cookie)
    const jobId = jobIdOf(r)
    const w = new Worker({ db: t.db.db, pollMs: 50 })
      .register(
        AUDIT_EXPORT_KIND,
        exportAuditXlsx(loadConfig({ UPLOAD_DIR: uploadDir }), { maxRows: 2 }),
      )
      .start()
    try {
      await expect
        .poll(
          async () =>
            (
              await t.db.db
                .selectFrom('jobs')
                .select('state')
                .where('id', '=', jobId)
                .executeTakeFirstOrThrow()
            ).state,
          { timeout: 15000 },
        )
        .toBe('done')
    } finally {
      await w.stop()
    }
    const page = await (await t.get(`/jobs/${jobId}`, admin.cookie)).text()
    expect(page).toContain('Выгружены первые 2 записи из 3')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await (await t.get(`/jobs/${jobId}/download`, admin.cookie)).arrayBuffer())
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]
    expect(rows).toHaveLength(1 + 2 + 1) // header, two entries, the note
    expect(String(rows.at(-1)![1])).toContain('уточните фильтры')
  })

  it('the log stays append-only: every route under /admin/audit is GET but the export', () => {
    const routes = t.app.routes
      .filter((r) => r.path.startsWith('/admin/audit') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
    expect(routes.length).toBeGreaterThan(0)
    expect(routes.filter((r) => !r.startsWith('GET ') && r !== 'POST /admin/audit/export')).toEqual(
      [],
    )
    expect(routes).toContain('POST /admin/audit/export')
  })
})
