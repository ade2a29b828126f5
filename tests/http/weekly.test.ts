import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { makeProject } from '../support/fixtures.ts'
import { loadConfig } from '../../src/config.ts'
import { nowIso } from '../../src/db/business.ts'
import { registerJobHandlers } from '../../src/jobs/handlers.ts'
import { Worker } from '../../src/jobs/worker.ts'
import { createEntries, prepareLines } from '../../src/worklog/worklog.queries.ts'
import {
  addDays,
  mondayOf,
  percentOf,
  weekEndOf,
  weekPlan,
  weekShare,
  workingDays,
} from '../../src/weekly/week.ts'
import { computeWeek, type WeekRow } from '../../src/weekly/weekly.queries.ts'

describe('working-day split of a plan row', () => {
  it('finds the Monday and the Sunday of a week', () => {
    expect(mondayOf('2026-11-02')).toBe('2026-11-02') // a Monday
    expect(mondayOf('2026-11-05')).toBe('2026-11-02') // Thursday
    expect(mondayOf('2026-11-08')).toBe('2026-11-02') // Sunday
    expect(mondayOf('2027-01-01')).toBe('2026-12-28') // across the year
    expect(weekEndOf('2026-11-02')).toBe('2026-11-08')
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01')
  })

  it('counts Monday to Friday, both ends included', () => {
    expect(workingDays('2026-11-02', '2026-11-13')).toBe(10) // two full weeks
    expect(workingDays('2026-11-02', '2026-11-08')).toBe(5)
    expect(workingDays('2026-11-07', '2026-11-08')).toBe(0) // a weekend
    expect(workingDays('2026-11-04', '2026-11-10')).toBe(5) // Wed … Tue
    expect(workingDays('2026-11-05', '2026-11-05')).toBe(1)
    expect(workingDays('2026-11-06', '2026-11-05')).toBe(0) // end before start
    expect(workingDays('2026-01-01', '2026-12-31')).toBe(261)
  })

  it('spreads a row over its working days: 1000 m² over two weeks is 500 in each', () => {
    expect(weekShare('2026-11-02', '2026-11-13', '2026-11-02')).toEqual({
      days: 5,
      total: 10,
      unit: 'working',
    })
    expect(weekPlan(1000, '2026-11-02', '2026-11-13', '2026-11-02')).toBe(500)
    expect(weekPlan(1000, '2026-11-02', '2026-11-13', '2026-11-09')).toBe(500)
    expect(weekPlan(1000, '2026-11-02', '2026-11-13', '2026-11-16')).toBe(0)
    expect(weekPlan(1000, '2026-11-02', '2026-11-13', '2026-10-26')).toBe(0)
    // Wednesday to the next Tuesday: 3 working days in the first week, 2 in the second.
    expect(weekPlan(600, '2026-11-04', '2026-11-10', '2026-11-02')).toBe(360)
    expect(weekPlan(600, '2026-11-04', '2026-11-10', '2026-11-09')).toBe(240)
    // Saturday to the next Friday: the weekend of the first week carries nothing.
    expect(weekPlan(500, '2026-11-07', '2026-11-13', '2026-11-02')).toBe(0)
    expect(weekPlan(500, '2026-11-07', '2026-11-13', '2026-11-09')).toBe(500)
  })

  it('spreads a weekend-only row over its calendar days; an undated row is not placed', () => {
    expect(weekShare('2026-11-07', '2026-11-08', '2026-11-02')).toEqual({
      days: 2,
      total: 2,
      unit: 'calendar',
    })
    expect(weekPlan(80, '2026-11-08', '2026-11-08', '2026-11-02')).toBe(80)
    expect(weekShare(null, '2026-11-08', '2026-11-02')).toBeNull()
    expect(weekShare('2026-11-02', null, '2026-11-02')).toBeNull()
    expect(weekShare('2026-11-09', '2026-11-02', '2026-11-02')).toBeNull()
    expect(percentOf(150, 500)).toBe(30)
    expect(percentOf(1, 3)).toBe(33.3)
    expect(percentOf(5, 0)).toBeNull()
  })
})

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-weekly-'))
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

const pdfText = (bytes: Buffer) => {
  const file = join(uploadDir, `weekly-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[ \t]+/g, ' ')
}

const row = (rows: WeekRow[], code: string) => rows.find((r) => r.material_code === code)!

describe.each(DIALECTS)('weekly report on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let director: { id: number; cookie: string }
  let chief: { id: number; cookie: string }
  let pto: { id: number; cookie: string }
  let inspector: { id: number; cookie: string }
  let lineType: number
  let a: number
  let b: number
  let reportId: number

  const log = async (project: number, date: string, material: string, metres: number) => {
    const prepared = await prepareLines(
      t.db.db,
      { work_date: date, section: null, crew_id: null },
      [
        {
          index: 0,
          line: {
            material_code: material,
            marking_type_id: lineType,
            width: null,
            metres,
            pieces: null,
            notes: null,
          },
        },
      ],
      '2026-11-26',
    )
    expect(prepared.errors).toEqual({})
    await createEntries(t.db.db, { userId: admin.id, ip: null, requestId: null }, project, [
      ...prepared.entries,
    ])
  }

  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    admin = await t.signIn('admin')
    director = await t.signIn('director')
    chief = await t.signIn('site_chief')
    pto = await t.signIn('pto_engineer')
    inspector = await t.signIn('inspector')
    lineType = (
      await t.db.db
        .selectFrom('marking_types')
        .select('id')
        .where('code', '=', '1.1') // solid 0.10 m: 1 m = 0.1 m²
        .executeTakeFirstOrThrow()
    ).id
    // A: ТП 1 000 m² from the project's dates, two weeks of 10 working days.
    a = await makeProject(t, admin.cookie, {
      start_date: '2026-11-02',
      end_date: '2026-11-13',
      plan_tp: '1000',
    })
    // B: its dates are in December, but the ГПР plan of ХП is Wed 04.11 — Tue 10.11 (600 m²,
    // 5 working days): it replaces the project's volume and dates. Краска б keeps December.
    b = await makeProject(t, admin.cookie, {
      start_date: '2026-12-01',
      end_date: '2026-12-31',
      plan_hp: '9999',
      plan_kraska_b: '700',
    })
    const now = nowIso()
    await t.db.db
      .insertInto('schedule_plans')
      .values({
        project_id: b,
        material_code: 'hp',
        plan_m2: 600,
        start_date: '2026-11-04',
        end_date: '2026-11-10',
        created_at: now,
        updated_at: now,
        created_by: admin.id,
        updated_by: admin.id,
      })
      .execute()
    // C: later in November, outside the first week. D: no dates at all. E: deleted.
    await makeProject(t, admin.cookie, {
      start_date: '2026-11-16',
      end_date: '2026-11-20',
      plan_tp: '5000',
    })
    await makeProject(t, admin.cookie, { plan_tp: '300' })
    const e = await makeProject(t, admin.cookie, {
      start_date: '2026-11-02',
      end_date: '2026-11-06',
      plan_tp: '777',
    })
    await log(e, '2026-11-03', 'tp', 9000)
    await t.db.db.updateTable('projects').set({ deleted_at: now }).where('id', '=', e).execute()

    await log(a, '2026-11-01', 'tp', 4000) // Sunday before: not in the week
    await log(a, '2026-11-02', 'tp', 1000) // 100 m²
    await log(a, '2026-11-08', 'tp', 500) // Sunday of the week: 50 m²
    await log(a, '2026-11-09', 'tp', 2000) // next week: 200 m²
    await log(b, '2026-11-05', 'hp', 300) // 30 m²
  })
  afterAll(() => t.close())

  it('computes the week per material: the plan split by working days, the full plan, the fact', async () => {
    const week = await computeWeek(t.db.db, '2026-11-05')
    expect(week.weekStart).toBe('2026-11-02')
    expect(week.weekEnd).toBe('2026-11-08')
    expect(week.rows.map((r) => r.material_code)).toEqual([
      'tp',
      'tpj',
      'hp',
      'hpj',
      'kraska_b',
      'kraska_ch',
      'kraska_j',
      'vremyanka',
      'demarkirovka',
    ])
    expect(row(week.rows, 'tp')).toEqual({
      material_code: 'tp',
      material_name: 'ТП',
      plan_m2: 500,
      plan_full_m2: 1000,
      fact_m2: 150,
    })
    expect(row(week.rows, 'hp')).toMatchObject({ plan_m2: 360, plan_full_m2: 600, fact_m2: 30 })
    expect(row(week.rows, 'kraska_b')).toMatchObject({ plan_m2: 0, plan_full_m2: 0, fact_m2: 0 })
    expect(week.totals).toEqual({ plan_m2: 860, plan_full_m2: 1600, fact_m2: 180 })
    expect(week.undated).toBe(1)

    const next = await computeWeek(t.db.db, '2026-11-09')
    expect(row(next.rows, 'tp')).toMatchObject({ plan_m2: 500, plan_full_m2: 1000, fact_m2: 200 })
    expect(row(next.rows, 'hp')).toMatchObject({ plan_m2: 240, plan_full_m2: 600, fact_m2: 0 })
    const third = await computeWeek(t.db.db, '2026-11-16')
    expect(row(third.rows, 'tp')).toMatchObject({ plan_m2: 5000, plan_full_m2: 5000 })
    expect(row(third.rows, 'hp')).toMatchObject({ plan_m2: 0, plan_full_m2: 0 })
    const december = await computeWeek(t.db.db, '2026-12-07')
    // December 2026 has 23 working days, 5 of them in the week of 07.12: 700 × 5 / 23.
    expect(row(december.rows, 'kraska_b')).toMatchObject({ plan_m2: 152.17, plan_full_m2: 700 })
    expect(row(december.rows, 'hp')).toMatchObject({ plan_m2: 0, plan_full_m2: 0 })
  })

  it('shows a preview of any week, normalised to its Monday, to who may read the log', async () => {
    const html = await (await t.get('/gpr/weekly?week=2026-11-05', chief.cookie)).text()
    expect(html).toContain('неделя 02.11.2026 — 08.11.2026')
    expect(html).toContain('value="2026-11-02"')
    expect(html).toMatch(
      /data-material="tp">\s*<td>ТП<\/td><td class="text-right" data-col="plan">500</,
    )
    expect(html).not.toContain('Выпустить отчёт')
    expect(html).toContain('Выпускает отчёт исполнительный директор')
    const asDirector = await (await t.get('/gpr/weekly?week=2026-11-05', director.cookie)).text()
    expect(asDirector).toContain('Выпустить отчёт за эту неделю')
    expect((await t.get('/gpr/weekly', inspector.cookie)).status).toBe(403)
    expect((await t.get('/gpr/weekly')).headers.get('location')).toMatch(/^\/login/)
  })

  it('lets only the director issue the report; every refusal', async () => {
    for (const who of [chief, pto, inspector]) {
      const r = await t.post('/gpr/weekly', { week: '2026-11-04' }, who.cookie)
      expect(r.status).toBe(403)
    }
    const anonymous = await t.post('/gpr/weekly', { week: '2026-11-04' })
    expect(anonymous.headers.get('location')).toMatch(/^\/login/)
    expect(await t.db.db.selectFrom('weekly_reports').select('id').execute()).toHaveLength(0)

    const r = await t.post('/gpr/weekly', { week: '2026-11-04' }, director.cookie)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toMatch(/^\/gpr\/weekly\/\d+$/)
    reportId = Number(r.headers.get('location')!.split('/').pop())
    const stored = await t.db.db
      .selectFrom('weekly_reports')
      .selectAll()
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      week_start: '2026-11-02',
      plan_m2: 860,
      plan_full_m2: 1600,
      fact_m2: 180,
      created_by: director.id,
    })
    expect(row(JSON.parse(stored.data), 'tp')).toMatchObject({ plan_m2: 500, fact_m2: 150 })
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['user_id', 'entity_id'])
      .where('action', '=', 'weekly.issue')
      .execute()
    expect(audit).toEqual([{ user_id: director.id, entity_id: String(reportId) }])
    // The admin has every permission.
    const byAdmin = await t.post('/gpr/weekly', { week: '2026-11-09' }, admin.cookie)
    expect(byAdmin.status).toBe(303)
  })

  it('keeps the snapshot when the log and the plan change later', async () => {
    const before = await t.db.db
      .selectFrom('weekly_reports')
      .selectAll()
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow()
    await log(a, '2026-11-03', 'tp', 1000) // +100 m² in that week
    await t.db.db
      .updateTable('schedule_plans')
      .set({ plan_m2: 1200 })
      .where('project_id', '=', b)
      .execute()
    const now = await computeWeek(t.db.db, '2026-11-02')
    expect(row(now.rows, 'tp').fact_m2).toBe(250)
    expect(row(now.rows, 'hp').plan_m2).toBe(720)

    const after = await t.db.db
      .selectFrom('weekly_reports')
      .selectAll()
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow()
    expect(after).toEqual(before)
    const page = await (await t.get(`/gpr/weekly/${reportId}`, chief.cookie)).text()
    expect(page).toContain('Еженедельный отчёт за неделю 02.11.2026 — 08.11.2026')
    expect(page).toMatch(/data-col="fact">150</)
    expect(page).not.toMatch(/data-col="fact">250</)
    expect(page).toMatch(/data-col="plan">360</)
    expect(page).toMatch(/Тестов director\d+ Тестович/)
    expect((await t.get(`/gpr/weekly/${reportId}`, inspector.cookie)).status).toBe(403)
    expect((await t.get('/gpr/weekly/999999', chief.cookie)).status).toBe(404)
  })

  it('lists the history newest first with who and when', async () => {
    const html = await (await t.get('/gpr/weekly', pto.cookie)).text()
    const ids = [...html.matchAll(/id="weekly-report-(\d+)"/g)].map((m) => Number(m[1]))
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBeGreaterThan(ids[1])
    expect(ids[1]).toBe(reportId)
    expect(html).toContain('02.11.2026 — 08.11.2026')
    expect(html).toContain('09.11.2026 — 15.11.2026')
    expect(html).toMatch(/Тестов director\d+ Тестович/)
  })

  it('exports the snapshot to XLSX and PDF in background jobs', async () => {
    const jobs: number[] = []
    for (const format of ['xlsx', 'pdf']) {
      const r = await t.post(`/gpr/weekly/${reportId}/export/${format}`, {}, chief.cookie)
      expect(r.status).toBe(303)
      expect(r.headers.get('location')).toMatch(/^\/jobs\/\d+$/)
      jobs.push(Number(r.headers.get('location')!.split('/').pop()))
    }
    expect((await t.post(`/gpr/weekly/${reportId}/export/pdf`, {}, inspector.cookie)).status).toBe(
      403,
    )
    const w = registerJobHandlers(new Worker({ db: t.db.db, live: t.live, pollMs: 50 }), {
      config: loadConfig({ UPLOAD_DIR: uploadDir }),
    }).start()
    try {
      await expect
        .poll(
          async () =>
            (
              await t.db.db
                .selectFrom('jobs')
                .select(['state', 'error'])
                .where('id', 'in', jobs)
                .orderBy('id')
                .execute()
            ).map((j) => j.state + (j.error ?? '')),
          { timeout: 15000 },
        )
        .toEqual(['done', 'done'])
    } finally {
      await w.stop()
    }
    const download = async (id: number) => {
      const r = await t.get(`/jobs/${id}/download`, chief.cookie)
      expect(r.status).toBe(200)
      return r.arrayBuffer()
    }

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await download(jobs[0]))
    const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) =>
      r.slice(1),
    )
    expect(rows[0][0]).toBe('Еженедельный отчёт за неделю 02.11.2026 — 08.11.2026')
    expect(rows.find((r) => r[0] === 'ТП')).toEqual(['ТП', 500, 1000, 150, 30])
    expect(rows.find((r) => r[0] === 'ХП')).toEqual(['ХП', 360, 600, 30, 8.3])
    expect(rows.find((r) => r[0] === 'ТПж')).toEqual(['ТПж', 0, 0, 0]) // no % without a plan
    expect(rows.find((r) => r[0] === 'Итого')).toEqual(['Итого', 860, 1600, 180, 20.9])

    const text = pdfText(Buffer.from(await download(jobs[1])))
    expect(text).toContain('Еженедельный отчёт за неделю 02.11.2026 — 08.11.2026')
    expect(text).toContain('Материал')
    expect(text).toContain('План недели')
    expect(text).toMatch(/ТП 500 1 000 150 30%/)
    expect(text).toMatch(/ХП 360 600 30 8,3%/)
    expect(text).toMatch(/Итого 860 1 600 180 20,9%/)
    expect(text).toContain('Демарк.')
  })
})
