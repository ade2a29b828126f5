import { describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { gprGrid } from '../../src/gpr/gpr.queries.ts'
import { loadCurrentUser } from '../../src/auth/load-user.ts'
import { createEntries, prepareLines } from '../../src/worklog/worklog.queries.ts'

describe.each(DIALECTS)('ГПР month grid on %s', (dialect) => {
  it('sums the work log by day and in total against the plan; refuses who may not read', async () => {
    const t = await testApp(dialect)
    try {
      const admin = await t.signIn('admin')
      const chief = await t.signIn('site_chief')
      const p = await makeProject(t, admin.cookie, {
        code: `ГПР-${dialect}`,
        plan_tp: '10 000',
        plan_hp: '500',
      })
      await addMember(t, admin.cookie, p, chief.id)
      const type = await t.db.db
        .selectFrom('marking_types')
        .select('id')
        .where('code', '=', '1.1')
        .executeTakeFirstOrThrow()
      const actor = { userId: chief.id, ip: null, requestId: null }
      for (const [date, metres] of [
        ['2026-10-30', 1000],
        ['2026-11-02', 2000],
        ['2026-11-02', 500],
        ['2026-11-20', 1500],
      ] as const) {
        const lines = [
          {
            index: 0,
            line: {
              material_code: 'tp',
              marking_type_id: type.id,
              width: null,
              metres,
              pieces: null,
              notes: null,
            },
          },
        ]
        const prepared = await prepareLines(
          t.db.db,
          { work_date: date, section: null, crew_id: null },
          lines,
          '2026-11-26',
        )
        await createEntries(t.db.db, actor, p, prepared.entries)
      }
      const user = (await loadCurrentUser(t.db.db, chief.id))!
      const grid = await gprGrid(t.db.db, user, { month: '2026-11', project: p })
      const tp = grid.rows.find((r) => r.material_code === 'tp')!
      expect(tp.plan_m2).toBe(10000)
      expect(tp.fact_m2).toBe(500) // 5 000 m × 0.10 m, October included
      expect(tp.days).toEqual({ '2026-11-02': 250, '2026-11-20': 150 })
      expect(grid.rows.find((r) => r.material_code === 'hp')).toMatchObject({
        plan_m2: 500,
        fact_m2: 0,
      })
      expect(grid.days).toHaveLength(30)
      const page = await (await t.get(`/gpr?month=2026-11&project=${p}`, chief.cookie)).text()
      expect(page).toContain(`id="gpr-${p}-tp"`)
      expect(page).toContain('5%')
      const inspector = await t.signIn('inspector')
      expect((await t.get('/gpr', inspector.cookie)).status).toBe(403)
      expect((await t.get('/gpr')).headers.get('location')).toMatch(/^\/login/)
    } finally {
      await t.close()
    }
  })
})

describe.each(DIALECTS)('ГПР plan per material on %s', (dialect) => {
  it('a site chief sets a plan with dates; the grid uses it; an empty row falls back to the project', async () => {
    const t = await testApp(dialect)
    try {
      const admin = await t.signIn('admin')
      const chief = await t.signIn('site_chief')
      const foreman = await t.signIn('foreman')
      const p = await makeProject(t, admin.cookie, {
        plan_tp: '10 000',
        start_date: '2026-11-01',
        end_date: '2026-11-30',
      })
      for (const u of [chief, foreman]) await addMember(t, admin.cookie, p, u.id)
      const bad = await t.post(
        `/projects/${p}/schedule`,
        { tp_plan: 'много', tp_start: '2026-11-10', tp_end: '2026-11-05' },
        chief.cookie,
      )
      expect(bad.status).toBe(422)
      const html = await bad.text()
      expect(html).toContain('Введите число')
      expect(html).toContain('value="много"')
      expect(
        (
          await t.post(
            `/projects/${p}/schedule`,
            { tp_plan: '2 500,5', tp_start: '2026-11-10', tp_end: '2026-11-20', hp_plan: '300' },
            chief.cookie,
          )
        ).status,
      ).toBe(303)
      const user = (await loadCurrentUser(t.db.db, chief.id))!
      let rows = (await gprGrid(t.db.db, user, { month: '2026-11', project: p })).rows
      expect(rows.find((r) => r.material_code === 'tp')).toMatchObject({
        plan_m2: 2500.5,
        start_date: '2026-11-10',
        end_date: '2026-11-20',
      })
      expect(rows.find((r) => r.material_code === 'hp')).toMatchObject({
        plan_m2: 300,
        start_date: '2026-11-01',
      })
      await t.post(`/projects/${p}/schedule`, { tp_plan: '', hp_plan: '300' }, chief.cookie)
      rows = (await gprGrid(t.db.db, user, { month: '2026-11', project: p })).rows
      expect(rows.find((r) => r.material_code === 'tp')).toMatchObject({
        plan_m2: 10000,
        start_date: '2026-11-01',
      })
      expect((await t.get(`/projects/${p}/schedule`, foreman.cookie)).status).toBe(403)
      expect(
        (await t.post(`/projects/${p}/schedule`, { tp_plan: '1' }, foreman.cookie)).status,
      ).toBe(403)
      const outsider = await t.signIn('site_chief')
      expect((await t.get(`/projects/${p}/schedule`, outsider.cookie)).status).toBe(404)
    } finally {
      await t.close()
    }
  })
})

describe.each(DIALECTS)('ГПР cell entry on %s', (dialect) => {
  it('a site chief types a day’s volume into a cell: it becomes a work-log line marked from the grid', async () => {
    const t = await testApp(dialect)
    try {
      const admin = await t.signIn('admin')
      const chief = await t.signIn('site_chief')
      const foreman = await t.signIn('foreman')
      const p = await makeProject(t, admin.cookie, { plan_tp: '1000' })
      for (const u of [chief, foreman]) await addMember(t, admin.cookie, p, u.id)
      const type = await t.db.db
        .selectFrom('marking_types')
        .select('id')
        .where('code', '=', '1.6')
        .executeTakeFirstOrThrow()
      const url = `/projects/${p}/gpr/cell?date=2026-11-05&material=tp`
      expect((await t.get(url, chief.cookie)).status).toBe(200)
      expect(
        (await t.post(url, { marking_type_id: String(type.id), metres: 'сто' }, chief.cookie))
          .status,
      ).toBe(422)
      expect(
        (await t.post(url, { marking_type_id: String(type.id), metres: '100' }, chief.cookie))
          .status,
      ).toBe(303)
      const row = await t.db.db
        .selectFrom('worklog_entries')
        .selectAll()
        .where('project_id', '=', p)
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({
        source: 'grid',
        work_date: '2026-11-05',
        material_code: 'tp',
        area_m2: 7.5,
      })
      expect((await t.get(url, foreman.cookie)).status).toBe(403)
      expect(
        (await t.post(url, { marking_type_id: String(type.id), metres: '1' }, foreman.cookie))
          .status,
      ).toBe(403)
      const grid = await (await t.get(`/gpr?project=${p}&month=2026-11`, chief.cookie)).text()
      expect(grid).toContain('gpr/cell?date=2026-11-06')
    } finally {
      await t.close()
    }
  })
})
