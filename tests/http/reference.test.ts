import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { formValuesOf } from '../../src/lib/forms.ts'
import { MATERIALS } from '../../src/materials/materials.ts'
import { areaFor } from '../../src/reference/area.ts'
import { MARKING_FIELDS } from '../../src/reference/reference.schema.ts'

type User = { id: number; cookie: string }

describe.each(DIALECTS)('reference data on %s', (dialect) => {
  let t: TestApp
  let admin: User
  let pto: User
  let foreman: User
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    pto = await t.signIn('pto_engineer')
    foreman = await t.signIn('foreman')
  })
  afterAll(() => t.close())

  const type = (code: string) =>
    t.db.db
      .selectFrom('marking_types')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  // The edit form as the page fills it, with the changes the test is about.
  const typeFields = async (code: string, over: Record<string, string> = {}) => {
    const row = await type(code)
    return {
      ...formValuesOf(
        row,
        MARKING_FIELDS.map(([n]) => n),
      ),
      version: String(row.version),
      ...over,
    }
  }
  const auditActions = async (entity: string, id: number) =>
    (
      await t.db.db
        .selectFrom('audit_log')
        .select(['action', 'user_id'])
        .where('entity_type', '=', entity)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((a) => `${a.action}:${a.user_id}`)

  it('seeds the marking types unconfirmed and the nine materials with the old codes', async () => {
    const types = await t.db.db.selectFrom('marking_types').selectAll().execute()
    expect(types.map((r) => r.code)).toEqual(
      expect.arrayContaining(['1.1', '1.2', '1.3', '1.5', '1.6', '1.7', '1.11', '1.12', '1.14.1']),
    )
    expect(types.every((r) => r.confirmed === 0 && !!r.source)).toBe(true)
    const byCode = Object.fromEntries(types.map((r) => [r.code, r]))
    expect(byCode['1.5']).toMatchObject({ kind: 'line', width_m: 0.1, dash_m: 3, gap_m: 9 })
    expect(byCode['1.5'].fill_ratio).toBe(0.25)
    expect(byCode['1.6'].fill_ratio).toBe(0.75)
    expect(byCode['1.12'].width_m).toBe(0.4)
    expect(byCode['1.11']).toMatchObject({ lines: 2, fill_ratio: 0.625 })
    expect(byCode['1.18']).toMatchObject({ kind: 'symbol', width_m: null, piece_area_m2: 1.05 })
    // Hand-computed: 1000 m of 1.5 = 1000 × 0,10 × 0,25 = 25 m²; 12 arrows × 1,05 = 12,6 m².
    expect(areaFor(byCode['1.5'], { metres: 1000 })).toBe(25)
    expect(areaFor(byCode['1.18'], { pieces: 12 })).toBe(12.6)

    const materials = await t.db.db
      .selectFrom('materials')
      .select(['code', 'name', 'is_temporary'])
      .where('is_work', '=', 1)
      .orderBy('sort_order')
      .execute()
    expect(materials.map((m) => [m.code, m.name])).toEqual(MATERIALS.map(([c, l]) => [c, l]))
    expect(materials.filter((m) => m.is_temporary).map((m) => m.code)).toEqual(['vremyanka'])
    // Stocked in the warehouse, but not a kind of work: glass beads.
    const beads = await t.db.db
      .selectFrom('materials')
      .selectAll()
      .where('code', '=', 'beads')
      .executeTakeFirstOrThrow()
    expect(beads).toMatchObject({ is_work: 0, stocked: 1, unit: 'kg', threshold_pct: 20 })

    const page = await (await t.get('/reference/marking-types', foreman.cookie)).text()
    expect(page).toContain('Стоп-линия')
    expect(page).toContain('проверить по ГОСТ')
    expect(page).not.toContain('Подтвердить') // a reader sees no controls
    expect(page).not.toContain('/edit')
  })

  it('a PTO engineer changes a width typed with a comma and confirms the type', async () => {
    const before = await type('1.1')
    expect((await t.get(`/reference/marking-types/${before.id}/edit`, pto.cookie)).status).toBe(200)
    const saved = await t.post(
      `/reference/marking-types/${before.id}`,
      await typeFields('1.1', { width_m: '0,15', source: 'Проект ОДД, лист 3' }),
      pto.cookie,
    )
    expect(saved.status).toBe(303)
    const edited = await type('1.1')
    expect(edited).toMatchObject({ width_m: 0.15, version: before.version + 1, confirmed: 0 })
    expect(edited.source).toBe('Проект ОДД, лист 3')
    // 1000 m × 0,15 = 150 m² from now on
    expect(areaFor(edited, { metres: 1000 })).toBe(150)

    const confirm = await t.post(
      `/reference/marking-types/${before.id}/confirm`,
      { version: String(edited.version) },
      pto.cookie,
    )
    expect(confirm.status).toBe(303)
    expect((await type('1.1')).confirmed).toBe(1)
    expect(await auditActions('marking_type', before.id)).toEqual([
      `marking_type.update:${pto.id}`,
      `marking_type.confirm:${pto.id}`,
    ])
    const page = await (await t.get('/reference/marking-types', pto.cookie)).text()
    expect(page).toContain('проверено')
    expect(page).toContain('Типы разметки') // the admin tab

    // A new name keeps the confirmation; a new width needs a new one.
    await t.post(
      `/reference/marking-types/${before.id}`,
      await typeFields('1.1', { name: 'Сплошная линия (осевая)' }),
      pto.cookie,
    )
    expect(await type('1.1')).toMatchObject({ name: 'Сплошная линия (осевая)', confirmed: 1 })
    await t.post(
      `/reference/marking-types/${before.id}`,
      await typeFields('1.1', { width_m: '0.1' }),
      pto.cookie,
    )
    expect(await type('1.1')).toMatchObject({ width_m: 0.1, confirmed: 0 })
  })

  it('a new type gets the ratio from dash and gap; a symbol needs the area of a piece', async () => {
    const fields = {
      code: '1.8',
      name: 'Широкая прерывистая линия',
      kind: 'line',
      width_m: '0,4',
      dash_m: '1',
      gap_m: '3',
      fill_ratio: '',
      lines: '1',
      piece_area_m2: '',
      colour: 'белая',
      source: 'принято по практике',
    }
    expect((await t.post('/reference/marking-types', fields, admin.cookie)).status).toBe(303)
    expect(await type('1.8')).toMatchObject({
      fill_ratio: 0.25,
      confirmed: 0,
      created_by: admin.id,
    })
    const dup = await t.post('/reference/marking-types', fields, admin.cookie)
    expect(dup.status).toBe(422)
    expect(await dup.text()).toContain('Тип с таким номером уже есть')
  })

  it('bad input comes back with 422, a Russian message at the field and the typed values', async () => {
    const { id } = await type('1.6')
    const post = async (over: Record<string, string>) => {
      const r = await t.post(
        `/reference/marking-types/${id}`,
        await typeFields('1.6', over),
        pto.cookie,
      )
      expect(r.status).toBe(422)
      return r.text()
    }
    // Every message at once: a field that failed and a rule across fields.
    let html = await post({ width_m: '0,1о', dash_m: '6', gap_m: '' })
    expect(html).toContain('Введите число, например 12,5')
    expect(html).toContain('value="0,1о"')
    expect(html).toContain('Укажите и штрих, и промежуток')
    expect(html).toContain('value="6"')
    html = await post({ fill_ratio: '0,5' })
    expect(html).toContain('Не совпадает со штрих / (штрих + промежуток) = 0,75')
    html = await post({ kind: 'symbol' })
    expect(html).toContain('Заполняется только для линий')
    expect(html).toContain('Укажите площадь одного элемента')
    html = await post({ code: '1.x', width_m: '2' })
    expect(html).toContain('Номер по ГОСТ, например 1.14.1')
    expect(html).toContain('Не больше 1')
    expect(html).toContain('value="1.x"')
    expect((await type('1.6')).version).toBe(1) // nothing written
  })

  it('a stale edit or confirmation is refused and overwrites nothing', async () => {
    const old = await typeFields('1.7')
    const { id } = await type('1.7')
    expect(
      (await t.post(`/reference/marking-types/${id}`, { ...old, width_m: '0,12' }, admin.cookie))
        .status,
    ).toBe(303)
    const stale = await t.post(
      `/reference/marking-types/${id}`,
      { ...old, width_m: '0,15' },
      pto.cookie,
    )
    expect(stale.status).toBe(409)
    const html = await stale.text()
    expect(html).toContain('Запись уже изменил другой пользователь')
    expect(html).toContain('0,12')
    expect(html).toContain('0,15')
    const staleConfirm = await t.post(
      `/reference/marking-types/${id}/confirm`,
      { version: old.version },
      pto.cookie,
    )
    expect(staleConfirm.status).toBe(409)
    expect(await staleConfirm.text()).toContain('Ничего не подтверждено')
    expect(await type('1.7')).toMatchObject({ width_m: 0.12, confirmed: 0, version: 2 })
  })

  it('a material is renamed against its version; the code stays', async () => {
    const m = await t.db.db
      .selectFrom('materials')
      .selectAll()
      .where('code', '=', 'kraska_b')
      .executeTakeFirstOrThrow()
    const url = `/reference/materials/${m.id}`
    expect((await t.get(`${url}/edit`, pto.cookie)).status).toBe(200)
    const bad = await t.post(
      url,
      { name: '', short_name: 'Кр. б', sort_order: '5', unit: 'kg', version: '1' },
      pto.cookie,
    )
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Заполните поле')
    expect(badHtml).toContain('value="Кр. б"')
    const fields = {
      name: 'Краска белая (АК-511)',
      short_name: 'Кр. б',
      sort_order: '5',
      unit: 'kg',
      norm_per_m2: '0,7',
      threshold_pct: '25',
    }
    expect((await t.post(url, { ...fields, version: '1' }, pto.cookie)).status).toBe(303)
    expect((await t.post(url, { ...fields, version: '1' }, admin.cookie)).status).toBe(409)
    const after = await t.db.db
      .selectFrom('materials')
      .selectAll()
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({
      code: 'kraska_b',
      name: 'Краска белая (АК-511)',
      version: 2,
      norm_per_m2: 0.7,
      threshold_pct: 25,
    })
    expect(await auditActions('material', m.id)).toEqual([`material.update:${pto.id}`])
  })

  it('a PTO engineer forms a crew with a foreman and members; a taken name is refused', async () => {
    const worker = await t.signIn('foreman')
    const gone = await t.signIn('viewer')
    await t.db.db.updateTable('users').set({ is_active: 0 }).where('id', '=', gone.id).execute()

    const created = await t.post(
      '/reference/crews',
      { name: 'Бригада Петрова', foreman_id: String(foreman.id), notes: '' },
      pto.cookie,
    )
    expect(created.status).toBe(303)
    const id = Number(created.headers.get('location')!.split('/').pop())
    const dup = await t.post('/reference/crews', { name: 'Бригада Петрова' }, admin.cookie)
    expect(dup.status).toBe(422)
    const dupHtml = await dup.text()
    expect(dupHtml).toContain('Бригада с таким названием уже есть')
    expect(dupHtml).toContain('value="Бригада Петрова"')
    const noForeman = await t.post(
      '/reference/crews',
      { name: 'Бригада Сидорова', foreman_id: String(gone.id) },
      pto.cookie,
    )
    expect(noForeman.status).toBe(422)
    expect(await noForeman.text()).toContain('Выберите активного пользователя')

    for (const u of [foreman, worker, gone])
      await t.post(`/reference/crews/${id}/members`, { user_id: String(u.id) }, pto.cookie)
    await t.post(`/reference/crews/${id}/members`, { user_id: String(worker.id) }, pto.cookie)
    const members = async () =>
      (
        await t.db.db
          .selectFrom('crew_members')
          .select('user_id')
          .where('crew_id', '=', id)
          .orderBy('user_id')
          .execute()
      ).map((m) => m.user_id)
    expect(await members()).toEqual([foreman.id, worker.id]) // the inactive one was refused
    const page = await (await t.get(`/reference/crews/${id}`, foreman.cookie)).text()
    expect(page).toContain('Бригада Петрова')
    const { full_name } = await t.db.db
      .selectFrom('users')
      .select('full_name')
      .where('id', '=', worker.id)
      .executeTakeFirstOrThrow()
    expect(page).toContain(full_name)
    expect(page).not.toContain('Убрать')

    expect(
      (await t.post(`/reference/crews/${id}/members/${worker.id}/delete`, {}, pto.cookie)).status,
    ).toBe(303)
    expect(await members()).toEqual([foreman.id])

    const rename = { name: 'Бригада №1', foreman_id: String(foreman.id), notes: 'ТП' }
    expect(
      (await t.post(`/reference/crews/${id}`, { ...rename, version: '1' }, pto.cookie)).status,
    ).toBe(303)
    const stale = await t.post(
      `/reference/crews/${id}`,
      { ...rename, name: 'Х', version: '1' },
      admin.cookie,
    )
    expect(stale.status).toBe(409)
    const crew = await t.db.db
      .selectFrom('crews')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(crew).toMatchObject({
      name: 'Бригада №1',
      foreman_id: foreman.id,
      notes: 'ТП',
      version: 2,
    })
    expect(await auditActions('crew', id)).toEqual([
      `crew.create:${pto.id}`,
      `crew.member_add:${pto.id}`,
      `crew.member_add:${pto.id}`,
      `crew.member_remove:${pto.id}`,
      `crew.update:${pto.id}`,
    ])
  })

  it('a foreman reads every reference page but gets 403 on every write', async () => {
    const mt = await type('1.12')
    const m = await t.db.db.selectFrom('materials').select('id').executeTakeFirstOrThrow()
    const crew = await t.post(
      '/reference/crews',
      { name: 'Бригада для проверки прав' },
      admin.cookie,
    )
    const crewId = Number(crew.headers.get('location')!.split('/').pop())
    for (const path of [
      '/reference/marking-types',
      '/reference/materials',
      '/reference/crews',
      `/reference/crews/${crewId}`,
    ])
      expect((await t.get(path, foreman.cookie)).status, path).toBe(200)
    for (const path of [
      '/reference/marking-types/new',
      `/reference/marking-types/${mt.id}/edit`,
      `/reference/materials/${m.id}/edit`,
    ])
      expect((await t.get(path, foreman.cookie)).status, path).toBe(403)
    const writes: [string, Record<string, string>][] = [
      ['/reference/marking-types', await typeFields('1.12', { code: '9.9' })],
      [`/reference/marking-types/${mt.id}`, await typeFields('1.12', { width_m: '0,5' })],
      [`/reference/marking-types/${mt.id}/confirm`, { version: String(mt.version) }],
      [`/reference/marking-types/${mt.id}/delete`, {}],
      [`/reference/marking-types/${mt.id}/restore`, {}],
      [`/reference/materials/${m.id}`, { name: 'X', short_name: 'X', version: '1' }],
      ['/reference/crews', { name: 'Бригада прораба' }],
      [`/reference/crews/${crewId}`, { name: 'Y', version: '1' }],
      [`/reference/crews/${crewId}/members`, { user_id: String(foreman.id) }],
      [`/reference/crews/${crewId}/members/${admin.id}/delete`, {}],
      [`/reference/crews/${crewId}/delete`, {}],
      [`/reference/crews/${crewId}/restore`, {}],
    ]
    const audited = await t.db.db.selectFrom('audit_log').select('id').execute()
    for (const [path, form] of writes)
      expect((await t.post(path, form, foreman.cookie)).status, path).toBe(403)
    expect(await t.db.db.selectFrom('audit_log').select('id').execute()).toHaveLength(
      audited.length,
    )
    expect(await type('1.12')).toMatchObject({ width_m: 0.4, confirmed: 0, deleted_at: null })
  })

  it('without a session every reference page and write leads to the login', async () => {
    for (const path of [
      '/reference',
      '/reference/marking-types',
      '/reference/materials',
      '/reference/crews',
    ]) {
      const r = await t.get(path)
      expect(r.status, path).toBe(303)
      expect(r.headers.get('location')).toMatch(/^\/login/)
    }
    const r = await t.post('/reference/crews', { name: 'Аноним' })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toMatch(/^\/login/)
  })

  it('an admin hides a marking type: readers no longer see it, writers can restore it', async () => {
    const { id } = await type('1.23.1')
    expect((await t.post(`/reference/marking-types/${id}/delete`, {}, admin.cookie)).status).toBe(
      303,
    )
    expect(await (await t.get('/reference/marking-types', foreman.cookie)).text()).not.toContain(
      'Надпись «А»',
    )
    expect(await (await t.get('/reference/marking-types', pto.cookie)).text()).toContain(
      'Надпись «А»',
    )
    expect((await t.post(`/reference/marking-types/${id}/restore`, {}, pto.cookie)).status).toBe(
      303,
    )
    expect((await type('1.23.1')).deleted_at).toBeNull()
  })
})
