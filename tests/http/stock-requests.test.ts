import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import type { Actor } from '../../src/app-env.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { reconcileAlerts } from '../../src/stock/alerts.ts'
import { receiveBatch } from '../../src/stock/batches.queries.ts'
import { batchForm } from '../../src/stock/batches.schema.ts'
import { applyMovement } from '../../src/stock/ledger.ts'
import { fulfilRequest, publishFulfilled } from '../../src/stock/requests/requests.queries.ts'

type Who = { id: number; cookie: string }
const TODAY = moscowToday()
const LATER = `${Number(TODAY.slice(0, 4)) + 1}${TODAY.slice(4)}`.replace('-02-29', '-02-28')

describe.each(DIALECTS)('material requests on %s', (dialect) => {
  let t: TestApp
  let admin: Who, director: Who, pm: Who, otherPm: Who, foreman: Who, foreman2: Who
  let outsider: Who, viewer: Who, inspector: Who, storekeeper: Who
  let projectId: number
  const material: Record<string, { id: number; name: string }> = {}
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    director = await t.signIn('director')
    pm = await t.signIn('project_manager')
    otherPm = await t.signIn('project_manager')
    foreman = await t.signIn('foreman')
    foreman2 = await t.signIn('foreman')
    outsider = await t.signIn('foreman')
    viewer = await t.signIn('viewer')
    inspector = await t.signIn('inspector')
    storekeeper = await t.signIn('storekeeper')
    projectId = await makeProject(t, admin.cookie, { code: `ЗМ-${dialect}` })
    for (const u of [pm, foreman, foreman2, viewer, inspector, storekeeper])
      await addMember(t, admin.cookie, projectId, u.id)
    for (const m of await t.db.db.selectFrom('materials').select(['id', 'code', 'name']).execute())
      material[m.code] = m
  })
  afterAll(() => t.close())

  const idOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())
  const row = (id: number) =>
    t.db.db
      .selectFrom('material_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  const fields = (over: Record<string, string> = {}) => ({
    project_id: String(projectId),
    material_id: String(material.tp.id),
    quantity: '1 250,5',
    needed_by: LATER,
    reason: 'Разметка км 12–14',
    ...over,
  })
  const create = async (who = foreman, over: Record<string, string> = {}) => {
    const r = await t.post('/stock/requests', fields(over), who.cookie)
    expect(r.status).toBe(303)
    return idOf(r)
  }
  const act = async (id: number, action: string, who: Who, form: Record<string, string> = {}) =>
    t.post(
      `/stock/requests/${id}/${action}`,
      { version: String((await row(id)).version), ...form },
      who.cookie,
    )
  const notes = (userId: number, kind: string) =>
    t.db.db
      .selectFrom('notifications')
      .select(['title', 'body', 'href'])
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .execute()
  const auditOf = async (id: number) =>
    (
      await t.db.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'material_request')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((a) => a.action)
  const system: Actor = { userId: null, ip: null, requestId: 'test' }
  const receive = (code: string, qty: number, number: string) =>
    receiveBatch(
      t.db.db,
      system,
      batchForm.parse({
        number,
        material_id: String(material[code].id),
        warehouse_id: '1',
        received_on: TODAY,
        received_qty: String(qty),
      }),
      TODAY,
    )
  const fulfil = (requestId: number, batchId: number, actor: Actor = system) =>
    t.db.db.transaction().execute((trx) => fulfilRequest(trx, actor, requestId, batchId))

  it('a foreman requests material for his project: pending, audited, the approvers notified', async () => {
    const form = await t.get(`/stock/requests/new?project=${projectId}`, foreman.cookie)
    expect(form.status).toBe(200)
    const html = await form.text()
    expect(html).toMatch(new RegExp(`<option value="${projectId}" selected`))
    expect(html).toContain(`${material.tp.name}, кг`)
    expect(html).not.toContain('Демаркировка') // not kept in the warehouse
    const id = await create()
    const r = await row(id)
    expect(r).toMatchObject({
      status: 'pending',
      source: 'user',
      project_id: projectId,
      quantity: 1250.5,
      needed_by: LATER,
      created_by: foreman.id,
    })
    expect(await auditOf(id)).toEqual(['material_request.create'])
    for (const u of [director, pm]) expect(await notes(u.id, 'request.pending')).toHaveLength(1)
    for (const u of [otherPm, foreman, storekeeper])
      expect(await notes(u.id, 'request.pending')).toHaveLength(0)
    const page = await (await t.get(`/stock/requests/${id}`, foreman.cookie)).text()
    expect(page).toContain('1\u00a0250,5 кг')
    expect(page).toContain('На согласовании')
    expect(page).toContain('Заявка создана и отправлена на согласование')
  })

  it('bad input comes back with Russian messages next to the fields and the typed values (422)', async () => {
    const r = await t.post(
      '/stock/requests',
      fields({ quantity: '0', needed_by: '2020-01-01', material_id: '', reason: 'Срочно' }),
      foreman.cookie,
    )
    expect(r.status).toBe(422)
    const html = await r.text()
    expect(html).toContain('Количество должно быть больше нуля')
    expect(html).toContain('Дата не может быть раньше сегодняшней')
    expect(html).toContain('Выберите материал')
    expect(html).toContain('Срочно')
    expect(html).toContain('value="0"')
    const bad = await t.post('/stock/requests', fields({ quantity: '12,5кг' }), foreman.cookie)
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Введите число, например 12,5')
    const unstocked = await t.post(
      '/stock/requests',
      fields({ material_id: String(material.demarkirovka.id) }),
      foreman.cookie,
    )
    expect(unstocked.status).toBe(422)
    expect(await unstocked.text()).toContain('Выберите материал из списка складских')
  })

  it('approved by the project manager, fulfilled by a receipt: the author and the storekeeper hear of it', async () => {
    const id = await create(foreman, { quantity: '500' })
    const publish = vi.spyOn(t.live, 'publish')
    expect((await act(id, 'approve', pm, { decision_reason: 'Согласовано' })).status).toBe(303)
    // After the commit: every open warehouse page, and the bells of those notified.
    const streams = publish.mock.calls.map(([e]) => e.stream)
    publish.mockRestore()
    expect(streams).toEqual(
      expect.arrayContaining(['stock', `user:${foreman.id}`, `user:${storekeeper.id}`]),
    )
    expect(await row(id)).toMatchObject({
      status: 'approved',
      decided_by: pm.id,
      decision_reason: 'Согласовано',
    })
    expect((await notes(foreman.id, 'request.approved'))[0]).toMatchObject({
      href: `/stock/requests/${id}`,
    })
    expect(await notes(storekeeper.id, 'request.approved')).toHaveLength(1)
    const page = await (await t.get(`/stock/requests/${id}`, storekeeper.cookie)).text()
    expect(page).toContain('Оформить приход')
    expect(page).toContain(
      `href="/stock/batches/new?request=${id}&amp;material=${material.tp.id}&amp;qty=500"`,
    )
    expect(await (await t.get(`/stock/requests/${id}`, foreman.cookie)).text()).not.toContain(
      'Оформить приход',
    )
    const wrong = await receive('hp', 500, `ХП-${id}`)
    expect(await fulfil(id, wrong.id)).toBe(false) // another material does not fulfil it
    const b = await receive('tp', 500, `ТП-${id}`)
    const actor = { userId: storekeeper.id, ip: null, requestId: null }
    expect(await fulfil(id, b.id, actor)).toBe(true)
    expect(await fulfil(id, b.id, actor)).toBe(false) // once
    expect(await row(id)).toMatchObject({
      status: 'fulfilled',
      fulfilled_batch_id: b.id,
      version: 3,
    })
    expect(await auditOf(id)).toEqual([
      'material_request.create',
      'material_request.approve',
      'material_request.fulfil',
    ])
    expect(await notes(foreman.id, 'request.fulfilled')).toHaveLength(1)
    const bell = vi.spyOn(t.live, 'publish')
    await publishFulfilled({ db: t.db.db, live: t.live }, id) // the receipt's after-commit step
    expect(bell.mock.calls.map(([e]) => e.stream)).toEqual([`user:${foreman.id}`])
    bell.mockRestore()
    const done = await (await t.get(`/stock/requests/${id}`, foreman.cookie)).text()
    expect(done).toContain(`Приход: партия № ТП-${id}`)
    expect(done).not.toContain('Оформить приход')
  })

  it('rejecting needs a reason (422); the reason is stored and sent to the author', async () => {
    const id = await create()
    const bare = await act(id, 'reject', director, { decision_reason: '  ' })
    expect(bare.status).toBe(422)
    expect(await bare.text()).toContain('Укажите причину отклонения')
    expect((await row(id)).status).toBe('pending')
    const r = await act(id, 'reject', director, { decision_reason: 'Материал есть на складе' })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/stock/requests/${id}`)
    expect(await row(id)).toMatchObject({
      status: 'rejected',
      decided_by: director.id,
      decision_reason: 'Материал есть на складе',
    })
    expect(await auditOf(id)).toEqual(['material_request.create', 'material_request.reject'])
    const [n] = await notes(foreman.id, 'request.rejected')
    expect(n.body).toContain('Материал есть на складе')
    const page = await (await t.get(`/stock/requests/${id}`, foreman.cookie)).text()
    expect(page).toContain('Отклонена')
    expect(page).toContain('Материал есть на складе')
  })

  it('a request that is no longer pending cannot be decided or cancelled (409)', async () => {
    const id = await create()
    expect((await act(id, 'approve', pm)).status).toBe(303)
    for (const [action, who] of [
      ['approve', director],
      ['reject', director],
      ['cancel', foreman],
    ] as const) {
      const r = await act(id, action, who, { decision_reason: 'ещё раз', cancel_reason: 'нет' })
      expect(r.status).toBe(409)
      expect(await r.text()).toContain('Сейчас заявка: «Согласована»')
    }
    expect(await row(id)).toMatchObject({ status: 'approved', version: 2 })
  })

  it('a decision against a stale version is refused with 409 and writes nothing', async () => {
    const id = await create()
    await t.db.db
      .updateTable('material_requests')
      .set({ version: 2 })
      .where('id', '=', id)
      .execute()
    const r = await t.post(`/stock/requests/${id}/approve`, { version: '1' }, pm.cookie)
    expect(r.status).toBe(409)
    expect(await r.text()).toContain('Заявку уже изменил')
    expect(await row(id)).toMatchObject({ status: 'pending', version: 2 })
    expect(await auditOf(id)).toEqual(['material_request.create'])
  })

  it('the author may withdraw a pending request; another foreman may not', async () => {
    const id = await create()
    expect((await act(id, 'cancel', foreman2)).status).toBe(403)
    expect((await act(id, 'cancel', pm)).status).toBe(403)
    expect((await act(id, 'cancel', foreman, { cancel_reason: 'Перенесли работы' })).status).toBe(
      303,
    )
    expect(await row(id)).toMatchObject({
      status: 'cancelled',
      decision_reason: 'Перенесли работы',
    })
    expect(await auditOf(id)).toEqual(['material_request.create', 'material_request.cancel'])
  })

  it('refuses: no session, wrong role, no stock access, a project not given', async () => {
    const id = await create()
    for (const path of ['/stock/requests', `/stock/requests/${id}`, '/stock/requests/new'])
      expect((await t.get(path)).headers.get('location')).toMatch(/^\/login/)
    expect((await t.post('/stock/requests', fields())).headers.get('location')).toMatch(/^\/login/)
    expect((await act(id, 'approve', foreman)).status).toBe(403) // a foreman cannot approve
    expect((await act(id, 'reject', storekeeper, { decision_reason: 'нет' })).status).toBe(403)
    expect((await t.get('/stock/requests/new', viewer.cookie)).status).toBe(403)
    expect((await t.post('/stock/requests', fields(), viewer.cookie)).status).toBe(403)
    for (const path of ['/stock/requests', `/stock/requests/${id}`])
      expect((await t.get(path, inspector.cookie)).status).toBe(403) // no stock.read
    expect((await t.get(`/stock/requests/${id}`, outsider.cookie)).status).toBe(404)
    expect((await t.get(`/stock/requests/${id}/card`, outsider.cookie)).status).toBe(404)
    expect((await act(id, 'approve', otherPm)).status).toBe(404)
    expect((await t.get(`/stock/requests/new?project=${projectId}`, outsider.cookie)).status).toBe(
      404,
    )
    expect((await t.post('/stock/requests', fields(), outsider.cookie)).status).toBe(404)
    expect((await t.get('/stock/requests/999999', foreman.cookie)).status).toBe(404)
    const list = await (await t.get('/stock/requests', outsider.cookie)).text()
    expect(list).not.toContain(`href="/stock/requests/${id}"`)
    expect((await row(id)).status).toBe('pending')
  })

  it('a draft from stock control is sent for approval, approved and fulfilled by the receipt', async () => {
    const low = await receive('tp', 1000, `Л-${dialect}`)
    const off = await applyMovement(
      t.db.db,
      system,
      { batchId: low.id, kind: 'writeoff', quantity: 900, movedOn: TODAY, reason: 'брак' },
      TODAY,
    )
    expect(off.ok).toBe(true)
    const { drafts } = await reconcileAlerts(t.db.db, TODAY, [low.id])
    expect(drafts).toHaveLength(1)
    const id = drafts[0]
    expect(await row(id)).toMatchObject({ status: 'draft', source: 'threshold', project_id: null })
    // A warehouse draft belongs to no project: everyone with stock.read sees it.
    expect((await t.get(`/stock/requests/${id}`, outsider.cookie)).status).toBe(200)
    const page = await (await t.get(`/stock/requests/${id}`, storekeeper.cookie)).text()
    expect(page).toContain('Черновик создан контролем остатков')
    expect(page).toContain('Отправить на согласование')
    expect((await act(id, 'submit', foreman, { quantity: '2000' })).status).toBe(403)
    const bad = await act(id, 'submit', storekeeper, { quantity: '-5' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Количество должно быть больше нуля')
    const sent = await act(id, 'submit', storekeeper, {
      quantity: '2 000',
      needed_by: LATER,
      reason: 'Пополнить запас ТП',
    })
    expect(sent.status).toBe(303)
    expect(await row(id)).toMatchObject({
      status: 'pending',
      quantity: 2000,
      needed_by: LATER,
      reason: 'Пополнить запас ТП',
    })
    for (const u of [director, pm, otherPm])
      expect(
        (await notes(u.id, 'request.pending')).some((n) => n.href === `/stock/requests/${id}`),
      ).toBe(true)
    expect((await act(id, 'approve', director)).status).toBe(303)
    // The storekeeper who sent the draft is its requester.
    expect(
      (await notes(storekeeper.id, 'request.approved')).some(
        (n) => n.href === `/stock/requests/${id}`,
      ),
    ).toBe(true)
    const b = await receive('tp', 2000, `П-${dialect}`)
    expect(await fulfil(id, b.id, { userId: storekeeper.id, ip: null, requestId: null })).toBe(true)
    expect(await row(id)).toMatchObject({ status: 'fulfilled', fulfilled_batch_id: b.id })
    expect(await auditOf(id)).toEqual([
      'material_request.create',
      'material_request.submit',
      'material_request.approve',
      'material_request.fulfil',
    ])
  })

  it('a draft is cancelled only with a reason; a stale edit gets the comparison view', async () => {
    const low = await receive('hp', 1000, `ХЛ-${dialect}`)
    await applyMovement(
      t.db.db,
      system,
      { batchId: low.id, kind: 'writeoff', quantity: 950, movedOn: TODAY, reason: 'брак' },
      TODAY,
    )
    const [id] = (await reconcileAlerts(t.db.db, TODAY, [low.id])).drafts
    expect((await act(id, 'cancel', viewer, { cancel_reason: 'нет' })).status).toBe(403)
    const bare = await act(id, 'cancel', storekeeper)
    expect(bare.status).toBe(422)
    expect(await bare.text()).toContain('Укажите причину отмены')
    const sent = await t.post(
      `/stock/requests/${id}/submit`,
      { version: '1', quantity: '700' },
      storekeeper.cookie,
    )
    expect(sent.status).toBe(303)
    // Back to a draft by someone else meanwhile (version 2): a form shown at version 1 is late.
    await t.db.db
      .updateTable('material_requests')
      .set({ status: 'draft' })
      .where('id', '=', id)
      .execute()
    const conflict = await t.post(
      `/stock/requests/${id}/submit`,
      { version: '1', quantity: '800' },
      storekeeper.cookie,
    )
    expect(conflict.status).toBe(409)
    const html = await conflict.text()
    expect(html).toContain('Запись уже изменил другой пользователь')
    expect(html).toContain('800')
    expect((await row(id)).quantity).toBe(700)
    expect((await act(id, 'cancel', storekeeper, { cancel_reason: 'Партию вернут' })).status).toBe(
      303,
    )
    expect(await row(id)).toMatchObject({ status: 'cancelled', decision_reason: 'Партию вернут' })
  })

  it('the list filters, pages newest first, reloads live and costs the same with 3 rows or 40', async () => {
    const p2 = await makeProject(t, admin.cookie, { code: `СП-${dialect}` })
    await addMember(t, admin.cookie, p2, foreman.id)
    const mk = (n: number, code = 'tp') =>
      Promise.all(
        Array.from({ length: n }, () =>
          create(foreman, { project_id: String(p2), material_id: String(material[code].id) }),
        ),
      )
    const first = await mk(3)
    const cost = async (path: string) => {
      await t.get(path, foreman.cookie)
      t.takeQueryCount()
      await t.get(path, foreman.cookie)
      return t.takeQueryCount()
    }
    const path = `/stock/requests?project=${p2}`
    const few = await cost(path)
    const hp = await mk(37, 'hp')
    expect(await cost(path)).toBe(few)
    expect(few).toBeLessThanOrEqual(8)

    const page1 = await (await t.get(path, foreman.cookie)).text()
    const ids = [...page1.matchAll(/href="\/stock\/requests\/(\d+)"/g)].map((m) => Number(m[1]))
    expect(ids).toHaveLength(25)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(ids[0]).toBe(Math.max(...hp))
    const next = /href="(\?[^"]*after=[^"]+)"/.exec(page1)![1].replace(/&amp;/g, '&')
    const page2 = await (await t.get(`/stock/requests${next}`, foreman.cookie)).text()
    const ids2 = [...page2.matchAll(/href="\/stock\/requests\/(\d+)"/g)].map((m) => Number(m[1]))
    expect(ids2).toHaveLength(15)
    expect(ids2.slice(-3).sort()).toEqual([...first].sort())

    const tpOnly = await (
      await t.get(`${path}&material=${material.tp.id}&status=pending`, foreman.cookie)
    ).text()
    expect([...tpOnly.matchAll(/href="\/stock\/requests\/(\d+)"/g)]).toHaveLength(3)
    expect(await (await t.get(`${path}&status=approved`, foreman.cookie)).text()).toContain(
      'Заявок нет.',
    )

    const fragment = await t.get(`${path}&status=pending`, foreman.cookie, { 'hx-request': 'true' })
    const f = await fragment.text()
    expect(f).toMatch(/^<div id="requests-list"/)
    expect(f).toContain(`data-resync="/stock/requests?project=${p2}&amp;status=pending"`)
    expect(f).toContain('data-live-stock')
    expect(page1).toContain('Новая заявка')
    expect(await (await t.get(path, viewer.cookie)).text()).not.toContain('Новая заявка')
  })
})
