import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { jobIdOf, runJobUntilDone } from '../support/jobs.ts'
import type { Actor } from '../../src/app-env.ts'
import { loadConfig } from '../../src/config.ts'
import { registerJobHandlers } from '../../src/jobs/handlers.ts'
import { Worker } from '../../src/jobs/worker.ts'
import { nowIso } from '../../src/db/business.ts'
import { receiveBatch } from '../../src/stock/batches.queries.ts'
import { batchForm } from '../../src/stock/batches.schema.ts'
import { applyMovement } from '../../src/stock/ledger.ts'
import type { BatchDocumentKind, MovementKind } from '../../src/stock/stock.table.ts'
import { renderRegisterPdf } from '../../src/stock/registry/register-pdf.ts'
import type { RegisterSubject } from '../../src/stock/registry/register-subject.ts'
import type { RegisterRow } from '../../src/stock/registry/registry.queries.ts'

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-stock-registry-'))
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

const actor: Actor = { userId: null, ip: null, requestId: 'test' }
const TODAY = '2026-11-26'

const pdfFile = (bytes: Buffer) => {
  const file = join(uploadDir, `register-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  return file
}
const pdfText = (bytes: Buffer, page?: number) =>
  execFileSync(
    'pdftotext',
    [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdfFile(bytes), '-'],
    { encoding: 'utf8' },
  )
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[ \t]+/g, ' ')
const pdfInfo = (bytes: Buffer) => execFileSync('pdfinfo', [pdfFile(bytes)], { encoding: 'utf8' })

// The <tr> of each batch on the page, by its number.
const pageRows = (html: string) =>
  new Map(
    [...html.matchAll(/<tr id="stock-register-\d+" data-batch="([^"]+)"[\s\S]*?<\/tr>/g)].map(
      (m) => [m[1], m[0]],
    ),
  )

describe.each(DIALECTS)('register of materials used on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let pto: { id: number; cookie: string }
  let storekeeper: { id: number; cookie: string }
  let inspector: { id: number; cookie: string }
  let projectA: number
  let projectB: number
  let material: Record<'tp' | 'hp', { id: number; name: string }>

  async function batch(number: string, code: 'tp' | 'hp', extra: Record<string, string> = {}) {
    const form = batchForm.parse({
      number,
      material_id: String(material[code].id),
      warehouse_id: '1',
      received_on: '2026-10-01',
      received_qty: '1000',
      ...extra,
    })
    return (await receiveBatch(t.db.db, actor, form, TODAY)).id
  }
  async function move(
    batchId: number,
    kind: MovementKind,
    quantity: number,
    projectId: number,
    movedOn: string,
  ) {
    const r = await applyMovement(
      t.db.db,
      actor,
      { batchId, kind, quantity, movedOn, projectId },
      TODAY,
    )
    expect(r.ok).toBe(true)
  }
  async function document(batchId: number, kind: BatchDocumentKind, number: string, on: string) {
    const now = nowIso()
    await t.db.db
      .insertInto('stock_batch_documents')
      .values({
        batch_id: batchId,
        kind,
        number,
        issued_on: on,
        file_id: null,
        created_at: now,
        updated_at: now,
        created_by: null,
        updated_by: null,
      })
      .execute()
  }
  const download = async (jobId: number, cookie: string) => {
    const r = await t.get(`/jobs/${jobId}/download`, cookie)
    expect(r.status).toBe(200)
    return r.arrayBuffer()
  }

  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    admin = await t.signIn('admin')
    pto = await t.signIn('pto_engineer')
    storekeeper = await t.signIn('storekeeper')
    inspector = await t.signIn('inspector')
    const materials = await t.db.db
      .selectFrom('materials')
      .select(['id', 'code', 'name'])
      .where('code', 'in', ['tp', 'hp'])
      .execute()
    const pick = (code: string) => materials.find((m) => m.code === code)!
    material = { tp: pick('tp'), hp: pick('hp') }
    const customer = await t.post('/customers', { name: 'ГКУ «Мосавтодор»' }, admin.cookie)
    const customerId = customer.headers.get('location')!.split('/').pop()!
    projectA = await makeProject(t, admin.cookie, { code: 'Р-22/01', customer_id: customerId })
    projectB = await makeProject(t, admin.cookie, { code: 'М-4/07' })
    for (const u of [pto, storekeeper, inspector]) await addMember(t, admin.cookie, projectA, u.id)

    // Б-101 (ТП) has a passport and a certificate; Б-202 (ХП) has no certificate.
    const b101 = await batch('Б-101', 'tp', {
      manufacturer: 'ООО «Технопласт»',
      manufactured_on: '2026-09-01',
      expires_on: '2027-09-01',
    })
    const b202 = await batch('Б-202', 'hp', {
      manufacturer: 'АО «Дорхимпласт»',
      manufactured_on: '2026-08-15',
      expires_on: '2027-02-15',
    })
    const b303 = await batch('Б-303', 'tp')
    const b404 = await batch('Б-404', 'tp')
    await document(b101, 'passport', 'П-55', '2026-09-01')
    await document(b101, 'certificate', 'С-17', '2026-09-05')
    await document(b202, 'passport', 'П-77', '2026-08-15')
    await document(b202, 'lab_report', 'ПИ-3', '2026-10-02')
    await move(b101, 'consumption', 120, projectA, '2026-11-10')
    await move(b101, 'consumption', 80.5, projectA, '2026-11-20')
    await move(b202, 'consumption', 50, projectA, '2026-11-15')
    await move(b101, 'consumption', 30, projectB, '2026-11-12') // another project: not counted
    await move(b303, 'consumption', 40, projectB, '2026-11-12') // another project only
    await move(b404, 'issue', 10, projectA, '2026-11-12') // issued, not consumed
  })
  afterAll(() => t.close())

  it('lists the batches consumed on the project and marks the missing certificate', async () => {
    const r = await t.get(`/stock/registry/${projectA}`, pto.cookie)
    expect(r.status).toBe(200)
    const html = await r.text()
    expect(html).toContain('Реестр применяемых материалов')
    expect(html).toContain('Заказчик: ГКУ «Мосавтодор»')
    const rows = pageRows(html)
    expect([...rows.keys()]).toEqual(['Б-101', 'Б-202'])
    const b101 = rows.get('Б-101')!
    expect(b101).toContain(material.tp.name)
    expect(b101).toContain('ООО «Технопласт»')
    expect(b101).toContain('01.09.2026')
    expect(b101).toContain('01.09.2027')
    expect(b101).toContain('200,5 кг') // 120 + 80,5; the 30 kg on the other project not counted
    expect(b101).toContain('№ С-17 от 05.09.2026')
    expect(b101).toContain('№ П-55 от 01.09.2026')
    expect(b101).not.toContain('data-missing')
    const b202 = rows.get('Б-202')!
    expect(b202).toContain('50 кг')
    expect(b202).toContain('data-missing="certificate"')
    expect(b202).toContain('Нет сертификата')
    expect(b202).toContain('№ ПИ-3 от 02.10.2026')
    expect(html).toContain('без сертификата / декларации: 1')
    expect(html).not.toContain('Б-303')
    expect(html).not.toContain('Б-404')
    expect(html).toContain('Приложить к исполнительной документации')
  })

  it('narrows the register to the period of consumption', async () => {
    const r = await t.get(`/stock/registry/${projectA}?from=2026-11-16&to=2026-11-30`, pto.cookie)
    const rows = pageRows(await r.text())
    expect([...rows.keys()]).toEqual(['Б-101'])
    expect(rows.get('Б-101')).toContain('80,5 кг')
  })

  it('links the register from the project page for those who see the warehouse', async () => {
    const link = `href="/stock/registry/${projectA}"`
    expect(await (await t.get(`/projects/${projectA}`, pto.cookie)).text()).toContain(link)
    expect(await (await t.get(`/projects/${projectA}`, inspector.cookie)).text()).not.toContain(
      link,
    )
  })

  it('exports exactly the register rows to Excel in the background', async () => {
    const r = await t.post(`/stock/registry/${projectA}/export?format=xlsx`, {}, pto.cookie)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toMatch(/^\/jobs\/\d+$/)
    const jobId = jobIdOf(r)
    await runJobUntilDone(t, jobId, uploadDir)
    const page = await (await t.get(`/jobs/${jobId}`, pto.cookie)).text()
    expect(page).toContain('Реестр применяемых материалов (Excel)')
    expect(page).toContain(`/jobs/${jobId}/download`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await download(jobId, pto.cookie))
    const values = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((v) =>
      v.slice(1).map((c) => c ?? ''),
    )
    expect(values[0][0]).toBe('Реестр применяемых материалов')
    expect(values.flat()).toContain('Заказчик: ГКУ «Мосавтодор»')
    expect(values.flat()).toContain('Период: за весь период работ')
    const head = values.findIndex((v) => v[2] === 'Партия')
    expect(values[head]).toEqual([
      '№',
      'Материал',
      'Партия',
      'Изготовитель',
      'Дата изготовления',
      'Годен до',
      'Количество',
      'Ед. изм.',
      'Паспорт качества',
      'Сертификат / декларация соответствия',
      'Акт отбора проб',
      'Протокол испытаний',
    ])
    expect(values.slice(head + 1)).toEqual([
      [
        1,
        material.tp.name,
        'Б-101',
        'ООО «Технопласт»',
        '01.09.2026',
        '01.09.2027',
        200.5,
        'кг',
        '№ П-55 от 01.09.2026',
        '№ С-17 от 05.09.2026',
        '',
        '',
      ],
      [
        2,
        material.hp.name,
        'Б-202',
        'АО «Дорхимпласт»',
        '15.08.2026',
        '15.02.2027',
        50,
        'кг',
        '№ П-77 от 15.08.2026',
        'Нет сертификата',
        '',
        '№ ПИ-3 от 02.10.2026',
      ],
    ])
  })

  it('exports the period to an A4 landscape PDF with the batch numbers in Cyrillic', async () => {
    const r = await t.post(
      `/stock/registry/${projectA}/export?format=pdf`,
      { from: '2026-11-01', to: '2026-11-30' },
      pto.cookie,
    )
    expect(r.status).toBe(303)
    const jobId = jobIdOf(r)
    await runJobUntilDone(t, jobId, uploadDir)
    const bytes = Buffer.from(await download(jobId, pto.cookie))
    expect(pdfInfo(bytes)).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/)
    const text = pdfText(bytes)
    expect(text).toContain('Реестр применяемых материалов')
    expect(text).toContain('Объект: Р-22/01')
    expect(text).toContain('Заказчик: ГКУ «Мосавтодор»')
    expect(text).toContain('Период: за период 01.11.2026 — 30.11.2026')
    expect(text).toContain('Б-101')
    expect(text).toContain('Б-202')
    expect(text).toContain('200,5 кг')
    expect(text).toContain('Нет сертификата')
    expect(text).not.toContain('Б-303')
    expect(text).not.toContain('Б-404')
  })

  it('attaches the register as a new document of the executive documentation', async () => {
    const r = await t.post(`/stock/registry/${projectA}/attach`, {}, pto.cookie)
    expect(r.status).toBe(303)
    const docId = Number(r.headers.get('location')!.match(/^\/documents\/(\d+)$/)![1])
    const doc = await t.db.db
      .selectFrom('documents as d')
      .innerJoin('document_types as dt', 'dt.id', 'd.type_id')
      .select(['d.project_id', 'd.number', 'd.title', 'd.sheets', 'd.state', 'dt.name as type'])
      .where('d.id', '=', docId)
      .executeTakeFirstOrThrow()
    expect(doc).toEqual({
      project_id: projectA,
      number: 'РПМ-1',
      title: 'Реестр применяемых материалов за весь период работ',
      sheets: 1,
      state: 'in_office',
      type: 'Реестр применяемых материалов',
    })
    const files = await t.db.db
      .selectFrom('document_files as df')
      .innerJoin('files as f', 'f.id', 'df.file_id')
      .select(['df.version', 'f.mime', 'f.id'])
      .where('df.document_id', '=', docId)
      .execute()
    expect(files).toEqual([{ version: 1, mime: 'application/pdf', id: expect.any(Number) }])
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'document')
      .where('entity_id', '=', String(docId))
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['document.create', 'document.file'])
    const page = await t.get(`/documents/${docId}`, pto.cookie)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('РПМ-1')
    const pdf = await t.get(`/documents/${docId}/files/${files[0].id}`, pto.cookie)
    expect(pdf.status).toBe(200)
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Б-202')
  })

  it('makes the document type again when the administrator has removed it', async () => {
    await t.db.db
      .updateTable('document_types')
      .set({ name: 'Реестр материалов (старый)' })
      .where('name', '=', 'Реестр применяемых материалов')
      .execute()
    const r = await t.post(
      `/stock/registry/${projectA}/attach`,
      { from: '2026-11-16', to: '2026-11-30' },
      pto.cookie,
    )
    expect(r.status).toBe(303)
    const docId = Number(r.headers.get('location')!.split('/').pop())
    const doc = await t.db.db
      .selectFrom('documents as d')
      .innerJoin('document_types as dt', 'dt.id', 'd.type_id')
      .select(['d.number', 'd.title', 'dt.name as type', 'dt.short_name'])
      .where('d.id', '=', docId)
      .executeTakeFirstOrThrow()
    expect(doc).toEqual({
      number: 'РПМ-1', // the first of the new type
      title: 'Реестр применяемых материалов за период 16.11.2026 — 30.11.2026',
      type: 'Реестр применяемых материалов',
      short_name: 'РПМ',
    })
  })

  it('attaches nothing when nothing was consumed in the period', async () => {
    const before = await t.db.db
      .selectFrom('documents')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const r = await t.post(
      `/stock/registry/${projectA}/attach`,
      { from: '2025-01-01', to: '2025-12-31' },
      pto.cookie,
    )
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(
      `/stock/registry/${projectA}?from=2025-01-01&to=2025-12-31`,
    )
    const after = await t.db.db
      .selectFrom('documents')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('sends a visitor without a session to the login page', async () => {
    for (const r of [
      await t.get(`/stock/registry/${projectA}`),
      await t.post(`/stock/registry/${projectA}/export?format=pdf`, {}),
      await t.post(`/stock/registry/${projectA}/attach`, {}),
    ]) {
      expect([302, 303]).toContain(r.status)
      expect(r.headers.get('location')).toMatch(/^\/login/)
    }
  })

  it('refuses an inspector, who does not see the warehouse, with 403', async () => {
    expect((await t.get(`/stock/registry/${projectA}`, inspector.cookie)).status).toBe(403)
    const r = await t.post(`/stock/registry/${projectA}/export?format=xlsx`, {}, inspector.cookie)
    expect(r.status).toBe(403)
  })

  it('answers 404 for a project the user was not given', async () => {
    expect((await t.get(`/stock/registry/${projectB}`, pto.cookie)).status).toBe(404)
    const exp = await t.post(`/stock/registry/${projectB}/export?format=xlsx`, {}, pto.cookie)
    expect(exp.status).toBe(404)
    expect((await t.post(`/stock/registry/${projectB}/attach`, {}, pto.cookie)).status).toBe(404)
    expect((await t.get('/stock/registry/999999', pto.cookie)).status).toBe(404)
    const jobs = await t.db.db
      .selectFrom('jobs')
      .select('payload')
      .where('created_by', '=', pto.id)
      .execute()
    expect(jobs.map((j) => JSON.parse(j.payload).projectId)).not.toContain(projectB)
  })

  it('lets a storekeeper see the register but not attach it to the documentation', async () => {
    const page = await t.get(`/stock/registry/${projectA}`, storekeeper.cookie)
    expect(page.status).toBe(200)
    expect(await page.text()).not.toContain('Приложить к исполнительной документации')
    const r = await t.post(`/stock/registry/${projectA}/attach`, {}, storekeeper.cookie)
    expect(r.status).toBe(403)
  })

  it('refuses an unknown export format', async () => {
    const r = await t.post(`/stock/registry/${projectA}/export?format=docx`, {}, pto.cookie)
    expect(r.status).toBe(400)
  })

  it('fails the export of a user who lost the project before the job ran', async () => {
    const d = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, d, pto.id)
    const r = await t.post(`/stock/registry/${d}/export?format=pdf`, {}, pto.cookie)
    expect(r.status).toBe(303)
    await t.db.db.deleteFrom('project_members').where('project_id', '=', d).execute()
    const w = registerJobHandlers(new Worker({ db: t.db.db, live: t.live, pollMs: 50 }), {
      config: loadConfig({ UPLOAD_DIR: uploadDir }),
    }).start()
    try {
      await expect
        .poll(
          async () =>
            await t.db.db
              .selectFrom('jobs')
              .select(['state', 'error', 'result_file_id'])
              .where('id', '=', jobIdOf(r))
              .executeTakeFirstOrThrow(),
          { timeout: 15000 },
        )
        .toEqual({
          state: 'failed',
          error: 'Нет доступа к складу или к этому проекту',
          result_file_id: null,
        })
    } finally {
      await w.stop()
    }
  })

  it('costs the same number of queries with 2 batches or 12', async () => {
    const c = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, c, pto.id)
    const add = async (n: number) => {
      const id = await batch(`Н-${n}`, n % 2 ? 'tp' : 'hp')
      await document(id, 'passport', `П-${n}`, '2026-10-01')
      if (n % 3) await document(id, 'certificate', `С-${n}`, '2026-10-01')
      await move(id, 'consumption', 10 + n, c, '2026-11-20')
    }
    const cost = async () => {
      await t.get(`/stock/registry/${c}`, pto.cookie)
      t.takeQueryCount()
      const r = await t.get(`/stock/registry/${c}`, pto.cookie)
      expect(r.status).toBe(200)
      return { n: t.takeQueryCount(), rows: pageRows(await r.text()).size }
    }
    for (let n = 1; n <= 2; n++) await add(n)
    const few = await cost()
    for (let n = 3; n <= 12; n++) await add(n)
    const many = await cost()
    expect([few.rows, many.rows]).toEqual([2, 12])
    expect(many.n).toBe(few.n)
    expect(many.n).toBeLessThanOrEqual(8)
  })
})

describe('register PDF layout', () => {
  it('repeats the table head on every page and numbers the sheets', async () => {
    const rows: RegisterRow[] = Array.from({ length: 60 }, (_, i) => ({
      batch_id: i + 1,
      number: `Ж-${String(i + 1).padStart(3, '0')}`,
      manufacturer: 'ООО «Технопласт»',
      manufactured_on: '2026-09-01',
      expires_on: '2027-09-01',
      material_name: 'ТП (термопластик)',
      unit: 'kg',
      quantity: 100 + i,
      documents: {
        passport: [{ kind: 'passport', number: `П-${i}`, issued_on: '2026-09-01' }],
        certificate: i % 2 ? [] : [{ kind: 'certificate', number: `С-${i}`, issued_on: null }],
        sampling_act: [],
        lab_report: [],
      },
    }))
    const s: RegisterSubject = {
      project: {
        id: 1,
        code: 'Р-22/01',
        name: 'Нанесение разметки на автодороге Р-22 «Каспий»',
        short_name: 'Р-22',
        contractor: 'ООО «Строд-Сервис Технолоджи»',
        contract_number: '17/26',
        contract_date: '2026-03-01',
        customer_name: 'ГКУ «Мосавтодор»',
      },
      period: {},
      periodText: 'за весь период работ',
      register: { rows, truncated: false },
    }
    const { bytes, sheets } = await renderRegisterPdf(s)
    expect(sheets).toBeGreaterThan(1)
    expect(pdfInfo(bytes)).toMatch(new RegExp(`Pages:\\s+${sheets}\\n`))
    for (let page = 1; page <= sheets; page++) {
      const text = pdfText(bytes, page)
      expect(text).toContain('Партия')
      expect(text).toContain('Изготовитель')
      expect(text).toContain(`лист ${page} из ${sheets}`)
    }
    const all = pdfText(bytes)
    expect(all).toContain('Ж-001')
    expect(all).toContain('Ж-060')
    expect(all).toContain('Партий без сертификата / декларации: 30.')
  })
})
