import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ORIGIN, testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { ledgerSum } from '../../src/stock/ledger.ts'

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-stock-'))
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

describe.each(DIALECTS)('warehouse on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let store: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  let projectId: number
  let tp: number
  const today = moscowToday()
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir, UPLOAD_MAX_MB: '0.05' })
    admin = await t.signIn('admin')
    store = await t.signIn('storekeeper')
    foreman = await t.signIn('foreman')
    projectId = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, projectId, foreman.id)
    await addMember(t, admin.cookie, projectId, store.id)
    tp = (
      await t.db.db
        .selectFrom('materials')
        .select('id')
        .where('code', '=', 'tp')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(() => t.close())

  const receive = async (number: string, qty: string, over: Record<string, string> = {}) => {
    const r = await t.post(
      '/stock/batches',
      {
        number,
        material_id: String(tp),
        warehouse_id: '1',
        received_on: today,
        received_qty: qty,
        manufacturer: 'ООО «Технолайн»',
        ...over,
      },
      store.cookie,
    )
    expect(r.status).toBe(303)
    return Number(r.headers.get('location')!.split('/').pop())
  }
  const upload = (batchId: number, bytes: Buffer, name: string, kind = 'certificate') => {
    const fd = new FormData()
    fd.append('kind', kind)
    fd.append('number', 'РОСС RU.АЯ01.Н12345')
    fd.append('issued_on', today)
    fd.append('file', new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
    return t.app.request(`/stock/batches/${batchId}/documents`, {
      method: 'POST',
      body: fd,
      headers: { origin: ORIGIN, cookie: store.cookie },
    })
  }

  it('a storekeeper receives a batch; a wrong form keeps what was typed and says why in Russian', async () => {
    const bad = await t.post(
      '/stock/batches',
      { number: 'Т-77', material_id: String(tp), warehouse_id: '1', received_qty: 'много' },
      store.cookie,
    )
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('Введите число, например 12,5')
    expect(html).toContain('Укажите дату прихода')
    expect(html).toContain('value="Т-77"')
    const id = await receive('Т-100', '1 000,5', {
      manufactured_on: '2026-05-31',
      shelf_life_months: '9',
    })
    const batch = await t.db.db
      .selectFrom('stock_batches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(batch).toMatchObject({
      received_qty: 1000.5,
      in_store: 1000.5,
      expires_on: '2027-02-28',
    })
    const page = await (await t.get(`/stock/batches/${id}`, store.cookie)).text()
    expect(page).toContain('нет сертификата')
    expect(page).toContain('1\u00a0000,5 кг')
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'stock_batch')
      .where('entity_id', '=', String(id))
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['stock.receipt', 'stock_batch.create'])
  })

  it('a certificate PDF completes the batch; a file of the wrong type is refused with a reason', async () => {
    const id = await receive('Т-101', '500')
    const bad = await upload(id, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'серт.pdf')
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Тип файла не подходит')
    expect((await upload(id, PDF, 'Сертификат.pdf')).status).toBe(303)
    const page = await (await t.get(`/stock/batches/${id}`, store.cookie)).text()
    expect(page).not.toContain('нет сертификата')
    expect(page).toContain('№ РОСС RU.АЯ01.Н12345')
    const doc = await t.db.db
      .selectFrom('stock_batch_documents')
      .select('id')
      .where('batch_id', '=', id)
      .executeTakeFirstOrThrow()
    const file = await t.get(`/stock/batches/${id}/documents/${doc.id}/file`, foreman.cookie)
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)
    expect(
      (await t.get(`/stock/batches/${id + 1000}/documents/${doc.id}/file`, store.cookie)).status,
    ).toBe(404)
  })

  it('issues to a project, refuses more than is left, and lets an admin correct with a reason', async () => {
    const id = await receive('Т-102', '100')
    const move = (form: Record<string, string>, cookie = store.cookie) =>
      t.post(`/stock/batches/${id}/movements`, { moved_on: today, ...form }, cookie)
    expect(
      (await move({ kind: 'issue', quantity: '60', project_id: String(projectId) })).status,
    ).toBe(303)
    const tooMuch = await move({ kind: 'issue', quantity: '50', project_id: String(projectId) })
    expect(tooMuch.status).toBe(422)
    const html = await tooMuch.text()
    expect(html).toContain('Недостаточно на складе: партия №Т-102, остаток 40 кг, требуется 50 кг')
    expect(html).not.toContain('Подтверждаю корректировку') // not for a storekeeper
    expect((await move({ kind: 'writeoff', quantity: '5' })).status).toBe(422) // no reason
    const asAdmin = await move(
      { kind: 'issue', quantity: '50', project_id: String(projectId) },
      admin.cookie,
    )
    expect(await asAdmin.text()).toContain('Подтверждаю корректировку')
    const noReason = await move(
      { kind: 'issue', quantity: '50', project_id: String(projectId), correct: '1' },
      admin.cookie,
    )
    expect(noReason.status).toBe(422)
    const corrected = await move(
      {
        kind: 'issue',
        quantity: '50',
        project_id: String(projectId),
        correct: '1',
        correction_reason: 'Излишек по инвентаризации 26.11',
      },
      admin.cookie,
    )
    expect(corrected.status).toBe(303)
    expect(await ledgerSum(t.db.db, id)).toEqual({ in_store: 0, on_site: 110 })
    const kinds = await t.db.db
      .selectFrom('stock_movements')
      .select(['kind', 'quantity'])
      .where('batch_id', '=', id)
      .orderBy('id')
      .execute()
    expect(kinds).toEqual([
      { kind: 'receipt', quantity: 100 },
      { kind: 'issue', quantity: 60 },
      { kind: 'correction', quantity: 10 },
      { kind: 'issue', quantity: 50 },
    ])
    // A storekeeper may not post a correction by hand.
    expect((await move({ kind: 'correction', quantity: '5', reason: 'x' })).status).toBe(403)
  })

  it('offers the consumption of a work-log line that names a batch, and confirms it once', async () => {
    const id = await receive('Т-103', '1000')
    await t.post(
      `/stock/batches/${id}/movements`,
      { kind: 'issue', quantity: '300', project_id: String(projectId), moved_on: today },
      store.cookie,
    )
    const type = await t.db.db
      .selectFrom('marking_types')
      .select('id')
      .where('code', '=', '1.1')
      .executeTakeFirstOrThrow()
    const wrong = await t.post(
      `/projects/${projectId}/worklog`,
      {
        work_date: today,
        l0_material_code: 'hp',
        l0_marking_type_id: String(type.id),
        l0_metres: '100',
        l0_batch_id: String(id),
      },
      foreman.cookie,
    )
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Партия другого материала')
    const r = await t.post(
      `/projects/${projectId}/worklog`,
      {
        work_date: today,
        l0_material_code: 'tp',
        l0_marking_type_id: String(type.id),
        l0_metres: '500',
        l0_batch_id: String(id),
      },
      foreman.cookie,
    )
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/stock/consumption?project=${projectId}`)
    const entry = await t.db.db
      .selectFrom('worklog_entries')
      .select(['id', 'area_m2'])
      .where('batch_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(entry.area_m2).toBe(50) // 500 m × 0,10 m
    const list = await (
      await t.get(`/stock/consumption?project=${projectId}`, foreman.cookie)
    ).text()
    expect(list).toContain('value="225"') // 50 m² × 4,5 kg/m²
    const viewer = await t.signIn('viewer')
    expect(
      (await t.post(`/stock/consumption/${entry.id}`, { quantity: '1' }, viewer.cookie)).status,
    ).toBe(404) // not his project
    await addMember(t, admin.cookie, projectId, viewer.id)
    expect(
      (await t.post(`/stock/consumption/${entry.id}`, { quantity: '1' }, viewer.cookie)).status,
    ).toBe(403)
    expect(
      (await t.post(`/stock/consumption/${entry.id}`, { quantity: '0' }, foreman.cookie)).status,
    ).toBe(422)
    expect(
      (await t.post(`/stock/consumption/${entry.id}`, { quantity: '230,5' }, foreman.cookie))
        .status,
    ).toBe(303)
    expect(
      (await t.post(`/stock/consumption/${entry.id}`, { quantity: '230,5' }, store.cookie)).status,
    ).toBe(404) // done
    expect(await ledgerSum(t.db.db, id)).toEqual({ in_store: 700, on_site: 69.5 })
    const m = await t.db.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('worklog_entry_id', '=', entry.id)
      .executeTakeFirstOrThrow()
    expect(m).toMatchObject({ kind: 'consumption', quantity: 230.5, project_id: projectId })
  })

  it('shows balances and alerts on the warehouse page and lists batches in a bounded number of queries', async () => {
    const id = await receive('Т-104', '100')
    await t.post(
      `/stock/batches/${id}/movements`,
      { kind: 'writeoff', quantity: '90', reason: 'Брак: комки', moved_on: today },
      store.cookie,
    )
    t.takeQueryCount()
    const page = await (await t.get('/stock', foreman.cookie)).text()
    expect(t.takeQueryCount()).toBeLessThanOrEqual(8)
    expect(page).toContain('Остаток ниже порога')
    expect(page).toContain('партия № Т-104')
    const notes = await t.db.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', store.id)
      .where('kind', '=', 'stock.low')
      .execute()
    expect(notes).toHaveLength(1)
    const draft = await t.db.db
      .selectFrom('material_requests')
      .selectAll()
      .where('material_id', '=', tp)
      .executeTakeFirstOrThrow()
    expect(draft).toMatchObject({ status: 'draft', source: 'threshold', project_id: null })
    t.takeQueryCount()
    const list = await t.get('/stock/batches', store.cookie)
    expect(await list.text()).toContain('Т-104')
    expect(t.takeQueryCount()).toBeLessThanOrEqual(8)
  })

  it('blocks a batch: issues are refused until it is unblocked', async () => {
    const id = await receive('Т-105', '100')
    expect(
      (
        await t.post(
          `/stock/batches/${id}/block`,
          { reason: 'Протокол: не соответствует' },
          store.cookie,
        )
      ).status,
    ).toBe(303)
    const r = await t.post(
      `/stock/batches/${id}/movements`,
      { kind: 'issue', quantity: '1', project_id: String(projectId), moved_on: today },
      store.cookie,
    )
    expect(r.status).toBe(422)
    expect(await r.text()).toContain('Партия заблокирована')
    expect((await t.post(`/stock/batches/${id}/unblock`, {}, store.cookie)).status).toBe(303)
  })

  it('edits the passport with a version check: a stale save gets the conflict view', async () => {
    const id = await receive('Т-106', '100')
    const form = { number: 'Т-106', location: 'Стеллаж 2', version: '1' }
    expect((await t.post(`/stock/batches/${id}`, form, store.cookie)).status).toBe(303)
    const stale = await t.post(
      `/stock/batches/${id}`,
      { ...form, location: 'Стеллаж 3' },
      store.cookie,
    )
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Стеллаж 3')
  })

  it('refuses: no session → sign-in; no stock.read → 403; no stock.write → 403; unknown batch → 404', async () => {
    const id = await receive('Т-107', '100')
    const anon = await t.get('/stock')
    expect([302, 303]).toContain(anon.status)
    expect(anon.headers.get('location')).toContain('/login')
    const inspector = await t.signIn('inspector')
    for (const path of ['/stock', '/stock/batches', `/stock/batches/${id}`, '/stock/consumption'])
      expect((await t.get(path, inspector.cookie)).status).toBe(403)
    expect((await t.get('/stock/batches/new', foreman.cookie)).status).toBe(403)
    expect((await t.post('/stock/batches', { number: 'X' }, foreman.cookie)).status).toBe(403)
    for (const action of ['movements', 'block', 'unblock', 'documents', ''])
      expect(
        (
          await t.post(
            `/stock/batches/${id}${action ? `/${action}` : ''}`,
            { kind: 'issue', quantity: '1', reason: 'x', version: '1', number: 'X' },
            foreman.cookie,
          )
        ).status,
      ).toBe(403)
    expect((await t.get(`/stock/batches/${id}/edit`, foreman.cookie)).status).toBe(403)
    expect((await t.get('/stock/batches/999999', store.cookie)).status).toBe(404)
    expect((await t.post('/stock/batches/999999/movements', {}, store.cookie)).status).toBe(404)
  })
})
