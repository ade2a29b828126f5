import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { runJobUntilDone } from '../support/jobs.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { createTransmittal } from '../../src/documents/movements.queries.ts'
import { listDocuments } from '../../src/documents/documents.queries.ts'
import { isOverdue } from '../../src/documents/state.ts'
import { loadCurrentUser } from '../../src/auth/load-user.ts'

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-docs-'))

describe.each(DIALECTS)('executive documentation on %s', (dialect) => {
  let t: TestApp
  let pto: { id: number; cookie: string }
  let projectId: number
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir, UPLOAD_MAX_MB: '0.05' })
    const admin = await t.signIn('admin')
    pto = await t.signIn('pto_engineer')
    projectId = await makeProject(t, admin.cookie, { code: `ИД-${dialect}` })
    await addMember(t, admin.cookie, projectId, pto.id)
  })
  afterAll(() => t.close())

  const idOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())
  const newDoc = async (n: string, cookie = pto.cookie) => {
    const r = await t.post(
      `/projects/${projectId}/documents`,
      { type_id: '11', number: n, title: `Акт ${n}`, doc_date: '2026-11-20', sheets: '2' },
      cookie,
    )
    expect(r.status).toBe(303)
    return idOf(r)
  }
  const ship = (id: number, recipient = 'ГКУ «Мосавтодор»', on_date = '2026-11-21') =>
    t.post(`/documents/${id}/ship`, { recipient, on_date, method: 'hand' }, pto.cookie)
  const ret = (id: number, on_date = '2026-11-25', condition = 'signed') =>
    t.post(`/documents/${id}/return`, { on_date, condition }, pto.cookie)

  it('refuses to return a document that was never sent, writing nothing', async () => {
    const id = await newDoc('А-1')
    const r = await ret(id)
    expect(r.status).toBe(422)
    expect(await r.text()).toContain('не был отправлен — вернуть его нельзя')
    const moves = await t.db.db
      .selectFrom('document_movements')
      .select('id')
      .where('document_id', '=', id)
      .execute()
    expect(moves).toHaveLength(0)
    const doc = await t.db.db
      .selectFrom('documents')
      .select(['state', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(doc).toEqual({ state: 'in_office', version: 1 })
  })

  it('keeps the whole history across rounds: sent, back with remarks, sent again, signed', async () => {
    const id = await newDoc('А-2')
    expect((await ship(id)).status).toBe(303)
    expect((await ship(id)).status).toBe(422) // already with the customer
    expect((await ret(id, '2026-11-22', 'remarks')).status).toBe(303)
    expect((await ship(id, 'ГКУ «Мосавтодор», повторно', '2026-11-23')).status).toBe(303)
    expect((await ret(id, '2026-11-20')).status).toBe(422) // before the shipment
    expect((await ret(id, '2026-11-24', 'signed')).status).toBe(303)
    const moves = await t.db.db
      .selectFrom('document_movements')
      .select(['kind', 'on_date', 'condition'])
      .where('document_id', '=', id)
      .orderBy('id')
      .execute()
    expect(moves.map((m) => [m.kind, m.on_date, m.condition])).toEqual([
      ['shipment', '2026-11-21', null],
      ['return', '2026-11-22', 'remarks'],
      ['shipment', '2026-11-23', null],
      ['return', '2026-11-24', 'signed'],
    ])
    const page = await (await t.get(`/documents/${id}`, pto.cookie)).text()
    expect(page).toContain('С замечаниями')
    expect(page).toContain('ГКУ «Мосавтодор», повторно')
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'document')
      .where('entity_id', '=', String(id))
      .execute()
    expect(audit.filter((a) => a.action === 'document.ship')).toHaveLength(2)
  })

  it('sends several documents in one act, numbered per project, with a printable Cyrillic PDF', async () => {
    const ids = [await newDoc('Т-1'), await newDoc('Т-2'), await newDoc('Т-3')]
    const form = new URLSearchParams({
      recipient: 'ФКУ Упрдор «Москва — Бобруйск»',
      on_date: '2026-11-26',
      method: 'edo',
    })
    for (const id of ids) form.append('doc', String(id))
    const r = await t.app.request(`/projects/${projectId}/transmittals`, {
      method: 'POST',
      body: form,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        cookie: pto.cookie,
      },
    })
    expect(r.status).toBe(303)
    const tid = idOf(r)
    const act = await t.db.db
      .selectFrom('transmittals')
      .selectAll()
      .where('id', '=', tid)
      .executeTakeFirstOrThrow()
    expect(act.number).toMatch(new RegExp(`^ИД-${dialect}-ПД-\\d{3}$`))
    const states = await t.db.db
      .selectFrom('documents')
      .select('state')
      .where('id', 'in', ids)
      .execute()
    expect(states.every((s) => s.state === 'shipped')).toBe(true)
    const pdf = await t.get(`/transmittals/${tid}/act.pdf`, pto.cookie)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const file = join(uploadDir, `act-${dialect}.pdf`)
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', [file, '-']).toString()
    expect(text).toContain('Реестр передачи исполнительной документации')
    expect(text).toContain('ФКУ Упрдор «Москва — Бобруйск»')
    expect(text).toContain('Т-2')
  })

  it('numbers acts without duplicates when several are created at the same moment', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => newDoc(`П-${i}`)))
    const project = { id: projectId, code: `ИД-${dialect}` }
    const actor = { userId: pto.id, ip: null, requestId: null }
    const acts = await Promise.all(
      ids.map((id) =>
        createTransmittal(t.db.db, actor, project, [id], {
          recipient: 'Заказчик',
          on_date: '2026-11-26',
          method: 'hand',
          notes: null,
        }),
      ),
    )
    const seqs = acts.map((a) => a.seq).sort((a, b) => a - b)
    expect(new Set(seqs).size).toBe(6)
    expect(seqs[5] - seqs[0]).toBe(5)
  })

  it('a return for several documents at once refuses all if one was never sent', async () => {
    const sent = await newDoc('В-1')
    const notSent = await newDoc('В-2')
    await ship(sent)
    const body = new URLSearchParams({ on_date: '2026-11-25', condition: 'signed' })
    body.append('doc', String(sent))
    body.append('doc', String(notSent))
    const r = await t.app.request(`/projects/${projectId}/documents/returns`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        cookie: pto.cookie,
      },
    })
    expect(r.status).toBe(422)
    expect(await r.text()).toContain('№ В-2 не был отправлен')
    const still = await t.db.db
      .selectFrom('documents')
      .select('state')
      .where('id', '=', sent)
      .executeTakeFirstOrThrow()
    expect(still.state).toBe('shipped')
  })

  it('counts a document as overdue after the configured days, with a fixed clock', async () => {
    const id = await newDoc('С-1')
    await ship(id, 'Заказчик', '2026-11-01')
    const user = (await loadCurrentUser(t.db.db, pto.id))!
    const q = { project: projectId, overdue: '1' as const }
    const on = (today: string) => listDocuments(t.db.db, user, q, { today, overdueDays: 10 })
    expect((await on('2026-11-11')).rows.map((r) => r.number)).not.toContain('С-1')
    expect((await on('2026-11-12')).rows.map((r) => r.number)).toContain('С-1')
    expect(isOverdue({ state: 'shipped', shipped_on: '2026-11-01' }, '2026-11-12', 10)).toBe(true)
    expect(isOverdue({ state: 'returned', shipped_on: '2026-11-01' }, '2026-12-12', 10)).toBe(false)
  })

  it('finds documents across projects by Russian text in any case, with counts per state', async () => {
    await newDoc('ПОИСК-1')
    const r = await t.get(`/documents?q=${encodeURIComponent('акт поиск')}`, pto.cookie)
    const html = await r.text()
    expect(html).toContain('ПОИСК-1')
    expect(html).toMatch(/В офисе: \d+/)
  })

  it('uploads a file as a version and downloads the same bytes; refuses an executable named .pdf', async () => {
    const id = await newDoc('Ф-1')
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    )
    const upload = (bytes: Buffer, name: string) => {
      const fd = new FormData()
      fd.append('file', new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
      return t.app.request(`/documents/${id}/files`, {
        method: 'POST',
        body: fd,
        headers: { origin: 'http://localhost', cookie: pto.cookie },
      })
    }
    expect((await upload(pdf, 'Скан АОСР.pdf')).status).toBe(303)
    const link = await t.db.db
      .selectFrom('document_files')
      .selectAll()
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(link.version).toBe(1)
    const got = await t.get(`/documents/${id}/files/${link.file_id}`, pto.cookie)
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true)
    const bad = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'акт.pdf')
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Тип файла не подходит')
    expect(
      await t.db.db
        .selectFrom('document_files')
        .select('id')
        .where('document_id', '=', id)
        .execute(),
    ).toHaveLength(1)
  })

  it('a foreman reads but may not write; an inspector and a non-member get 404', async () => {
    const id = await newDoc('Д-1')
    const foreman = await t.signIn('foreman')
    const inspector = await t.signIn('inspector')
    const outsider = await t.signIn('pto_engineer')
    const admin = await t.signIn('admin')
    for (const u of [foreman, inspector]) await addMember(t, admin.cookie, projectId, u.id)
    expect((await t.get(`/documents/${id}`, foreman.cookie)).status).toBe(200)
    expect((await t.get(`/projects/${projectId}/documents`, foreman.cookie)).status).toBe(200)
    for (const [path, form] of [
      [`/documents/${id}/ship`, { recipient: 'X', on_date: '2026-11-21', method: 'hand' }],
      [`/documents/${id}/return`, { on_date: '2026-11-21', condition: 'signed' }],
      [`/documents/${id}`, { type_id: '11', number: 'X', title: 'X', version: '1' }],
      [`/projects/${projectId}/documents`, { type_id: '11', number: 'X', title: 'X' }],
      [
        `/projects/${projectId}/transmittals`,
        { recipient: 'X', on_date: '2026-11-21', method: 'hand', doc: String(id) },
      ],
      [
        `/projects/${projectId}/documents/returns`,
        { on_date: '2026-11-21', condition: 'signed', doc: String(id) },
      ],
    ] as const)
      expect((await t.post(path, form, foreman.cookie)).status, path).toBe(403)
    for (const path of [`/documents/${id}/edit`, `/projects/${projectId}/documents/new`])
      expect((await t.get(path, foreman.cookie)).status, path).toBe(403)
    for (const u of [inspector, outsider]) {
      for (const path of [
        `/documents/${id}`,
        `/documents/${id}/card`,
        `/projects/${projectId}/documents`,
        `/documents/${id}/edit`,
      ])
        expect((await t.get(path, u.cookie)).status, path).toBe(404)
      expect(
        (
          await ship(id).then(() =>
            t.post(
              `/documents/${id}/return`,
              { on_date: '2026-11-25', condition: 'signed' },
              u.cookie,
            ),
          )
        ).status,
      ).toBe(404)
    }
    expect((await t.get('/documents', inspector.cookie)).status).toBe(403)
    expect((await t.get(`/documents/${id}`)).headers.get('location')).toMatch(/^\/login/)
  })
})

afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

describe.each(DIALECTS)('document types reference on %s', (dialect) => {
  it('an admin adds, renames and hides a type; a PTO engineer may not', async () => {
    const t = await testApp(dialect)
    try {
      const admin = await t.signIn('admin')
      const pto = await t.signIn('pto_engineer')
      const page = await (await t.get('/admin/document-types', admin.cookie)).text()
      expect(page).toContain('Акт освидетельствования скрытых работ (АОСР)')
      expect(page).toContain('Реестр применяемых материалов')
      expect(
        (
          await t.post(
            '/admin/document-types',
            { name: 'Паспорт разметки', short_name: 'ПР-Р', sort_order: '50' },
            admin.cookie,
          )
        ).status,
      ).toBe(303)
      const dup = await t.post(
        '/admin/document-types',
        { name: 'Паспорт разметки', short_name: 'X', sort_order: '1' },
        admin.cookie,
      )
      expect(dup.status).toBe(422)
      expect(await dup.text()).toContain('Такой тип уже есть')
      const row = await t.db.db
        .selectFrom('document_types')
        .selectAll()
        .where('name', '=', 'Паспорт разметки')
        .executeTakeFirstOrThrow()
      expect(
        (
          await t.post(
            `/admin/document-types/${row.id}`,
            { name: 'Паспорт дорожной разметки', short_name: 'ПДР', sort_order: '51' },
            admin.cookie,
          )
        ).status,
      ).toBe(303)
      expect(
        (await t.post(`/admin/document-types/${row.id}/delete`, {}, admin.cookie)).status,
      ).toBe(303)
      const hidden = await t.db.db
        .selectFrom('document_types')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow()
      expect(hidden.name).toBe('Паспорт дорожной разметки')
      expect(hidden.deleted_at).not.toBeNull()
      expect((await t.get('/admin/document-types', pto.cookie)).status).toBe(403)
      expect(
        (await t.post('/admin/document-types', { name: 'Y', short_name: 'Y' }, pto.cookie)).status,
      ).toBe(403)
      expect((await t.post(`/admin/document-types/${row.id}/restore`, {}, pto.cookie)).status).toBe(
        403,
      )
      expect((await t.get('/admin/document-types')).headers.get('location')).toMatch(/^\/login/)
    } finally {
      await t.close()
    }
  })
})

describe.each(DIALECTS)('registry export on %s', (dialect) => {
  it('exports the filtered registry to XLSX in a background job, readable with Cyrillic rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strod-export-'))
    const t = await testApp(dialect, { UPLOAD_DIR: dir })
    try {
      const admin = await t.signIn('admin')
      const p1 = await makeProject(t, admin.cookie, { code: `ЭКС-${dialect}` })
      const p2 = await makeProject(t, admin.cookie)
      for (const [p, n] of [
        [p1, 'ЭКС-1'],
        [p1, 'ЭКС-2'],
        [p2, 'ЧУЖОЙ-1'],
      ] as const)
        await t.post(
          `/projects/${p}/documents`,
          { type_id: '11', number: n, title: `Акт освидетельствования ${n}` },
          admin.cookie,
        )
      const r = await t.post('/documents/export', { project: String(p1), q: 'акт' }, admin.cookie)
      expect(r.status).toBe(303)
      const jobId = Number(r.headers.get('location')!.split('/').pop())
      await runJobUntilDone(t, jobId, dir)
      const page = await (await t.get(`/jobs/${jobId}`, admin.cookie)).text()
      expect(page).toContain('Выгружено строк: 2')
      const file = await t.get(`/jobs/${jobId}/download`, admin.cookie)
      expect(file.status).toBe(200)
      const ExcelJS = (await import('exceljs')).default
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await file.arrayBuffer())
      const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]
      const numbers = rows.map((row) => row[2])
      expect(numbers).toEqual(['Номер', 'ЭКС-2', 'ЭКС-1'])
      expect(String(rows[1][4])).toContain('Акт освидетельствования')
    } finally {
      await t.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
