import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { runJobUntilDone } from '../support/jobs.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { moscowToday } from '../../src/documents/state.ts'

describe.each(DIALECTS)('daily work log on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  let projectId: number
  const type: Record<string, string> = {}
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    foreman = await t.signIn('foreman')
    projectId = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, projectId, foreman.id)
    for (const r of await t.db.db.selectFrom('marking_types').select(['id', 'code']).execute())
      type[r.code] = String(r.id)
  })
  afterAll(() => t.close())

  const today = moscowToday()
  const post = (form: Record<string, string>, cookie = foreman.cookie) =>
    t.post(`/projects/${projectId}/worklog`, { work_date: today, ...form }, cookie)
  const areas = async () =>
    (
      await t.db.db
        .selectFrom('worklog_entries')
        .select(['area_m2', 'metres', 'pieces'])
        .where('project_id', '=', projectId)
        .orderBy('id')
        .execute()
    ).map((r) => r.area_m2)

  it('stores several lines at once with the m² of solid, dashed and symbol marking; comma decimals', async () => {
    const r = await post({
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.1'],
      l0_metres: '1 000',
      l1_material_code: 'tp',
      l1_marking_type_id: type['1.5'],
      l1_metres: '1000,0',
      l2_material_code: 'hp',
      l2_marking_type_id: type['1.18'],
      l2_pieces: '12',
      l3_material_code: 'kraska_b',
      l3_marking_type_id: type['1.1'],
      l3_metres: '12,5',
      l3_width: '0,15',
    })
    expect(r.status).toBe(303)
    expect(await areas()).toEqual([100, 25, 12.6, 1.88])
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'worklog.create')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('keeps the stored m² when the reference changes later', async () => {
    const before = await areas()
    await t.db.db
      .updateTable('marking_types')
      .set({ width_m: 0.2 })
      .where('code', '=', '1.1')
      .execute()
    expect(await areas()).toEqual(before)
    await t.db.db
      .updateTable('marking_types')
      .set({ width_m: 0.1 })
      .where('code', '=', '1.1')
      .execute()
  })

  it('refuses absurd input with a Russian message, keeping what was typed; a huge day needs a confirmation', async () => {
    const n = (await areas()).length
    const future = await post({
      work_date: '2999-01-01',
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.1'],
      l0_metres: '10',
    })
    expect(future.status).toBe(422)
    expect(await future.text()).toContain('Дата в будущем')
    const wide = await post({
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.1'],
      l0_metres: '10',
      l0_width: '1,5',
    })
    expect(wide.status).toBe(422)
    expect(await wide.text()).toContain('Ширина больше 1 м')
    const huge = await post({
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.1'],
      l0_metres: '25000',
    })
    expect(huge.status).toBe(422)
    const html = await huge.text()
    expect(html).toContain('Необычно большой объём за день')
    expect(html).toContain('value="25000"')
    expect(html).toContain('name="confirm"')
    const pieces = await post({
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.18'],
      l0_metres: '10',
    })
    expect(await pieces.text()).toContain('Для символа указывается количество')
    expect(await areas()).toHaveLength(n)
    const confirmed = await post({
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.1'],
      l0_metres: '25000',
      confirm: '1',
    })
    expect(confirmed.status).toBe(303)
    expect((await areas()).at(-1)).toBe(2500)
  })

  it('totals by material and marking type equal the log', async () => {
    const html = await (await t.get(`/projects/${projectId}/worklog/totals`, foreman.cookie)).text()
    const sum = (await areas()).reduce((a, b) => a + b, 0)
    expect(html).toContain(
      new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }).format(
        Math.round(sum * 100) / 100,
      ),
    )
    const all = await (await t.get('/worklog', foreman.cookie)).text()
    expect(all).toContain('Внести объёмы:')
    expect(all).toContain(`href="/projects/${projectId}/worklog"`)
  })

  it('a foreman writes only for projects he was given; readers may not write; inspectors see nothing', async () => {
    const other = await makeProject(t, admin.cookie)
    const line = {
      work_date: today,
      l0_material_code: 'tp',
      l0_marking_type_id: type['1.1'],
      l0_metres: '5',
    }
    expect((await t.post(`/projects/${other}/worklog`, line, foreman.cookie)).status).toBe(404)
    expect((await t.get(`/projects/${other}/worklog`, foreman.cookie)).status).toBe(404)
    const viewer = await t.signIn('viewer')
    await addMember(t, admin.cookie, projectId, viewer.id)
    expect((await t.get(`/projects/${projectId}/worklog`, viewer.cookie)).status).toBe(200)
    expect((await t.post(`/projects/${projectId}/worklog`, line, viewer.cookie)).status).toBe(403)
    const inspector = await t.signIn('inspector')
    await addMember(t, admin.cookie, projectId, inspector.id)
    expect((await t.get(`/projects/${projectId}/worklog`, inspector.cookie)).status).toBe(404)
    expect((await t.get('/worklog', inspector.cookie)).status).toBe(403)
    expect((await t.post(`/projects/${projectId}/worklog`, line)).headers.get('location')).toMatch(
      /^\/login/,
    )
  })
})

describe.each(DIALECTS)('«Ведомость объемов работ» on %s', (dialect) => {
  it('builds the statement for a period in a job, grouped by material and marking type', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'strod-statement-'))
    const t = await testApp(dialect, { UPLOAD_DIR: dir })
    try {
      const admin = await t.signIn('admin')
      const p = await makeProject(t, admin.cookie)
      const ids = Object.fromEntries(
        (await t.db.db.selectFrom('marking_types').select(['id', 'code']).execute()).map((r) => [
          r.code,
          String(r.id),
        ]),
      )
      for (const [date, metres] of [
        ['2026-11-02', '1000'],
        ['2026-11-03', '500'],
        ['2026-10-31', '9999'],
      ])
        await t.post(
          `/projects/${p}/worklog`,
          {
            work_date: date,
            l0_material_code: 'tp',
            l0_marking_type_id: ids['1.5'],
            l0_metres: metres,
            l1_material_code: 'hp',
            l1_marking_type_id: ids['1.18'],
            l1_pieces: '4',
          },
          admin.cookie,
        )
      const r = await t.post(
        `/projects/${p}/worklog/statement`,
        { from: '2026-11-01', to: '2026-11-30' },
        admin.cookie,
      )
      expect(r.status).toBe(303)
      const jobId = Number(r.headers.get('location')!.split('/').pop())
      await runJobUntilDone(t, jobId, dir)
      const ExcelJS = (await import('exceljs')).default
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await (await t.get(`/jobs/${jobId}/download`, admin.cookie)).arrayBuffer())
      const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((row) =>
        row.slice(1),
      )
      expect(String(rows[0][0])).toContain('01.11.2026 — 30.11.2026')
      const data = rows.filter((row) => row[1] === '1.5' || row[1] === '1.18' || row[0] === 'Итого')
      expect(data).toEqual([
        ['ТП', '1.5', expect.any(String), 1500, undefined, 37.5],
        ['ХП', '1.18', expect.any(String), undefined, 8, 8.4],
        ['Итого', '', '', undefined, undefined, 45.9],
      ])
      const outsider = await t.signIn('foreman')
      expect((await t.post(`/projects/${p}/worklog/statement`, {}, outsider.cookie)).status).toBe(
        404,
      )
    } finally {
      await t.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.each(DIALECTS)('correcting a work-log line on %s', (dialect) => {
  it('a line is corrected under the lock and version, or deleted; others may not', async () => {
    const t = await testApp(dialect)
    try {
      const admin = await t.signIn('admin')
      const foreman = await t.signIn('foreman')
      const chief = await t.signIn('site_chief')
      const viewer = await t.signIn('viewer')
      const p = await makeProject(t, admin.cookie)
      for (const u of [foreman, chief, viewer]) await addMember(t, admin.cookie, p, u.id)
      const type = await t.db.db
        .selectFrom('marking_types')
        .select('id')
        .where('code', '=', '1.1')
        .executeTakeFirstOrThrow()
      await t.post(
        `/projects/${p}/worklog`,
        {
          work_date: moscowToday(),
          l0_material_code: 'tp',
          l0_marking_type_id: String(type.id),
          l0_metres: '100',
        },
        foreman.cookie,
      )
      const e = await t.db.db
        .selectFrom('worklog_entries')
        .selectAll()
        .where('project_id', '=', p)
        .executeTakeFirstOrThrow()
      const form = (metres: string, version: string, lock_token?: string) => ({
        work_date: e.work_date,
        material_code: 'tp',
        marking_type_id: String(type.id),
        metres,
        version,
        ...(lock_token ? { lock_token } : {}),
      })
      const editor = await (await t.get(`/worklog/entries/${e.id}`, foreman.cookie)).text()
      const token = /name="lock_token" value="([^"]+)"/.exec(editor)![1]
      const other = await (await t.get(`/worklog/entries/${e.id}`, chief.cookie)).text()
      expect(other).toContain('<fieldset disabled=""')
      expect(
        (await t.post(`/worklog/entries/${e.id}`, form('150', '1', token), foreman.cookie)).status,
      ).toBe(303)
      const fixed = await t.db.db
        .selectFrom('worklog_entries')
        .selectAll()
        .where('id', '=', e.id)
        .executeTakeFirstOrThrow()
      expect(fixed).toMatchObject({ metres: 150, area_m2: 15, version: 2 })
      expect(
        (await t.post(`/worklog/entries/${e.id}`, form('999', '1'), chief.cookie)).status,
      ).toBe(409)
      expect((await t.post(`/worklog/entries/${e.id}`, form('1', '2'), viewer.cookie)).status).toBe(
        403,
      )
      const outsider = await t.signIn('foreman')
      expect((await t.get(`/worklog/entries/${e.id}`, outsider.cookie)).status).toBe(404)
      expect((await t.post(`/worklog/entries/${e.id}/delete`, {}, outsider.cookie)).status).toBe(
        404,
      )
      expect((await t.post(`/worklog/entries/${e.id}/delete`, {}, chief.cookie)).status).toBe(303)
      expect(await (await t.get(`/projects/${p}/worklog`, chief.cookie)).text()).not.toContain(
        `id="worklog-${e.id}"`,
      )
      const actions = await t.db.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'worklog')
        .execute()
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['worklog.update', 'worklog.delete']),
      )
    } finally {
      await t.close()
    }
  })
})
