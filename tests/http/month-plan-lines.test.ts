import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monthPlan } from '../../src/dashboard/month-plan.ts'
import { nowIso } from '../../src/db/business.ts'
import { monthPlanLines } from '../../src/gpr/month-plan-lines.ts'
import { monthDays } from '../../src/gpr/gpr.queries.ts'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { makeProject } from '../support/fixtures.ts'

// The month's plan rows that the ГПР chart and the dashboard share: a ГПР plan line, or else
// the project's planned volume of the material; rows without dates are kept (as undated).
describe.each(DIALECTS)('the month plan lines on %s', (dialect) => {
  let t: TestApp
  let dated: number
  let undated: number
  const first = '2026-03-01'
  const last = '2026-03-31'
  beforeAll(async () => {
    t = await testApp(dialect)
    const admin = await t.signIn('admin')
    dated = await makeProject(t, admin.cookie)
    undated = await makeProject(t, admin.cookie)
    const db = t.db.db
    await db.deleteFrom('project_volumes').where('project_id', 'in', [dated, undated]).execute()
    await db
      .updateTable('projects')
      .set({ start_date: '2026-03-02', end_date: '2026-03-31' })
      .where('id', '=', dated)
      .execute()
    await db
      .updateTable('projects')
      .set({ start_date: null, end_date: null })
      .where('id', '=', undated)
      .execute()
    await db
      .insertInto('project_volumes')
      .values([
        { project_id: dated, material: 'tp', plan_m2: 1000 }, // no plan line: counts
        { project_id: dated, material: 'kraska', plan_m2: 500 }, // replaced by its plan line
        { project_id: dated, material: 'hp', plan_m2: 300 }, // its only plan line is deleted
        { project_id: undated, material: 'tp', plan_m2: 50 }, // no dates anywhere
      ])
      .execute()
    const now = nowIso()
    const line = { created_at: now, updated_at: now, created_by: null, updated_by: null }
    await db
      .insertInto('schedule_plans')
      .values([
        // the project's dates stand in for its own
        {
          ...line,
          project_id: dated,
          material_code: 'kraska',
          plan_m2: 200,
          start_date: null,
          end_date: null,
          deleted_at: null,
        },
        {
          ...line,
          project_id: dated,
          material_code: 'hp',
          plan_m2: 999,
          start_date: '2026-03-01',
          end_date: '2026-03-31',
          deleted_at: now,
        },
        // another month: left out
        {
          ...line,
          project_id: dated,
          material_code: 'tpzh',
          plan_m2: 70,
          start_date: '2026-05-01',
          end_date: '2026-05-31',
          deleted_at: null,
        },
      ])
      .execute()
  })
  afterAll(() => t.close())

  const linesOf = (ids: number[]) =>
    monthPlanLines(
      () => t.db.db.selectFrom('projects').where('projects.id', 'in', ids),
      first,
      last,
    )

  it('a plan line replaces the volume of its material; a deleted one does not; other months stay out', async () => {
    const lines = await linesOf([dated])
    expect(lines.map((l) => l.plan_m2).sort((a, b) => a - b)).toEqual([200, 300, 1000])
    expect(lines.every((l) => l.start_date === '2026-03-02' && l.end_date === '2026-03-31')).toBe(
      true,
    )
  })

  it('rows without dates come too, and the month plan counts them as undated', async () => {
    const lines = await linesOf([dated, undated])
    expect(lines.filter((l) => l.project_id === undated)).toEqual([
      { project_id: undated, plan_m2: 50, start_date: null, end_date: null },
    ])
    const plan = monthPlan(lines, monthDays('2026-03'))
    expect(plan.undated).toBe(1)
    expect(Math.round(plan.daily.reduce((a, b) => a + b, 0))).toBe(1500)
    expect(Math.round(plan.byProject.get(dated)!)).toBe(1500)
  })
})
