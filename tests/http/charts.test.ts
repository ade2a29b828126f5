import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { monthDays } from '../../src/gpr/gpr.queries.ts'
import { createRemark } from '../../src/remarks/remarks.queries.ts'
import { batchForm } from '../../src/stock/batches.schema.ts'
import { receiveBatch } from '../../src/stock/batches.queries.ts'
import { applyMovement } from '../../src/stock/ledger.ts'
import { addDays, mondayOf, workingDays } from '../../src/weekly/week.ts'
import { createEntries, prepareLines } from '../../src/worklog/worklog.queries.ts'
import { emptyCard } from '../support/html.ts'

// ---- reading a chart's markup ------------------------------------------------------------
const section = (page: string, id: string) => {
  const at = page.indexOf(`<section id="${id}"`)
  return at < 0 ? null : page.slice(at, page.indexOf('</section>', at) + 10)
}
// A line or step series: data-day → data-value of its points.
function points(s: string, series: string) {
  const at = s.indexOf(`<g data-series="${series}"`)
  const body = s.slice(at, s.indexOf('</svg>', at))
  const next = body.indexOf('<g data-series', 5)
  return Object.fromEntries(
    [
      ...(next > 0 ? body.slice(0, next) : body).matchAll(
        /data-day="([^"]+)" data-value="([^"]+)"/g,
      ),
    ].map((m) => [m[1], Number(m[2])]),
  )
}
// Columns: series → the data-value of each period, in order.
function columns(s: string, series: string) {
  return [...s.matchAll(new RegExp(`data-series="${series}" data-value="([^"]+)"`, 'g'))].map((m) =>
    Number(m[1]),
  )
}
const periods = (s: string) => [...s.matchAll(/<g data-key="([^"]+)"/g)].map((m) => m[1])

describe.each(DIALECTS)('charts on the ГПР, remarks and batch pages on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let chief: { id: number; cookie: string }
  let outsider: { id: number; cookie: string }
  let store: { id: number; cookie: string }
  let mine: number // the chief's project
  let other: number // a project the chief does not see
  const today = moscowToday()

  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    chief = await t.signIn('site_chief')
    outsider = await t.signIn('site_chief')
    store = await t.signIn('storekeeper')
    mine = await makeProject(t, admin.cookie, {
      code: `ГР-${dialect}-1`,
      plan_tp: '2 200',
      start_date: '2026-10-01',
      end_date: '2026-10-31',
    })
    other = await makeProject(t, admin.cookie, {
      code: `ГР-${dialect}-2`,
      plan_tp: '1 000',
      start_date: '2026-10-01',
      end_date: '2026-10-31',
    })
    await addMember(t, admin.cookie, mine, chief.id)
  })
  afterAll(() => t.close())

  async function logTp(project: number, date: string, metres: number) {
    const type = await t.db.db
      .selectFrom('marking_types')
      .select('id')
      .where('code', '=', '1.1')
      .executeTakeFirstOrThrow()
    const line = {
      material_code: 'tp',
      marking_type_id: type.id,
      width: null,
      metres,
      pieces: null,
      notes: null,
    }
    const prepared = await prepareLines(
      t.db.db,
      { work_date: date, section: null, crew_id: null },
      [{ index: 0, line }],
      today,
    )
    await createEntries(
      t.db.db,
      { userId: admin.id, ip: null, requestId: null },
      project,
      prepared.entries,
    )
  }

  it('draws the ГПР month as cumulative plan and fact of the projects the user sees and the filters select', async () => {
    await logTp(mine, '2026-09-30', 5000) // before the month: not in it
    await logTp(mine, '2026-10-05', 1000) // 1 000 m × 0,10 m = 100 m²
    await logTp(mine, '2026-10-05', 500) // 50 m², the same day
    await logTp(mine, '2026-10-20', 3000) // 300 m²
    await logTp(other, '2026-10-10', 2000) // 200 m², a project the chief does not see
    const days = monthDays('2026-10')
    const chart = async (who: string, query = '') => {
      const r = await t.get(`/gpr?month=2026-10${query}`, who)
      expect(r.status).toBe(200)
      return section(await r.text(), 'gpr-chart')!
    }

    const c = await chart(chief.cookie)
    const fact = points(c, 'fact')
    expect(Object.keys(fact)).toEqual(days) // a past month: every day drawn
    expect(fact['2026-10-04']).toBe(0)
    expect(fact['2026-10-05']).toBe(150)
    expect(fact['2026-10-19']).toBe(150)
    expect(fact['2026-10-20']).toBe(450)
    expect(fact['2026-10-31']).toBe(450)
    // The plan spread over the month's working days, added up day by day.
    const plan = points(c, 'plan')
    const share = (d: string) =>
      (2200 * workingDays('2026-10-01', d)) / workingDays('2026-10-01', '2026-10-31')
    for (const d of ['2026-10-01', '2026-10-10', '2026-10-17', '2026-10-31'])
      expect(plan[d]).toBeCloseTo(share(d), 1)
    expect(plan['2026-10-31']).toBe(2200)
    // Numbers on hover, in the Russian format.
    expect(c).toContain('<title>20.10.2026 — факт с начала периода: 450\u00a0м²</title>')
    expect(c).toContain('data-total="plan">2\u00a0200\u00a0м²')

    // The director-level view adds the other project; a filter narrows it back.
    expect(points(await chart(admin.cookie), 'fact')['2026-10-31']).toBe(650)
    expect(points(await chart(admin.cookie), 'plan')['2026-10-31']).toBe(3200)
    const filtered = await chart(admin.cookie, `&project=${other}`)
    expect(points(filtered, 'fact')['2026-10-31']).toBe(200)
    expect(points(filtered, 'plan')['2026-10-31']).toBe(1000)

    // Someone without the projects sees an empty chart, not the numbers.
    const none = await chart(outsider.cookie)
    expect(none).toContain('нет ни плана с датами, ни выполненных объёмов')
    expect(none).not.toContain('data-chart=')
    // A month with neither plan nor fact.
    const empty = section(
      await (await t.get('/gpr?month=2020-01', admin.cookie)).text(),
      'gpr-chart',
    )!
    expect(empty).toContain('За январь 2020 у выбранных объектов нет ни плана')
    expect(empty).not.toContain('<svg')
  })

  it('counts remarks opened and closed per Moscow week over the last twelve weeks, per project and for all visible ones', async () => {
    const monday = mondayOf(today)
    const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+03:00`).toISOString()
    const actor = { userId: admin.id, ip: null, requestId: null }
    const remark = async (project: number, created: string, closed?: string, deleted = false) => {
      const r = await createRemark(
        t.db.db,
        actor,
        { id: project, code: `ГР-${dialect}-${project}` },
        {
          title: 'Замечание',
          description: null,
          location: null,
          priority: 'normal',
          assignee_id: null,
          deadline: null,
        },
        '{code}-{NNN}',
      )
      await t.db.db
        .updateTable('remarks')
        .set({
          created_at: created,
          closed_at: closed ?? null,
          status: closed ? 'closed' : 'new',
          deleted_at: deleted ? created : null,
        })
        .where('id', '=', r.id)
        .execute()
    }
    await remark(mine, at(addDays(monday, -14), '10:00'), at(addDays(monday, 1), '09:00')) // week 9, closed in week 11
    await remark(mine, at(addDays(monday, -10), '18:00')) // week 9
    await remark(mine, at(monday, '00:30')) // Sunday 21:30 UTC: still this Moscow week (11)
    await remark(mine, at(addDays(monday, -1), '23:30')) // Sunday evening in Moscow: week 10
    await remark(mine, at(addDays(monday, -7 * 12), '12:00')) // thirteen weeks ago: not drawn
    await remark(mine, at(addDays(monday, -3), '12:00'), undefined, true) // deleted
    await remark(other, at(addDays(monday, -3), '12:00'), at(addDays(monday, -2), '12:00')) // week 10, another project

    const weeks = Array.from({ length: 12 }, (_, i) => addDays(monday, -7 * (11 - i)))
    const expectWeeks = (
      opened: Record<number, number>,
      closed: Record<number, number>,
      c: string,
    ) => {
      expect(periods(c)).toEqual(weeks)
      expect(columns(c, 'opened')).toEqual(weeks.map((_, i) => opened[i] ?? 0))
      expect(columns(c, 'closed')).toEqual(weeks.map((_, i) => closed[i] ?? 0))
    }

    const page = await (await t.get(`/projects/${mine}/remarks`, chief.cookie)).text()
    const c = section(page, 'remarks-chart')!
    expectWeeks({ 9: 2, 10: 1, 11: 1 }, { 11: 1 }, c)
    expect(c).toContain('data-live-remarks')
    expect(c).toContain(`data-resync="/projects/${mine}/remarks/chart"`)
    expect(c).toContain('открыто <strong data-total="opened">4 замечания</strong>')
    expect(c).toContain('закрыто или отклонено <strong data-total="closed">1 замечание</strong>')
    const w9 = weeks[9]
    expect(c).toContain(`<title>Неделя ${w9.slice(8)}.${w9.slice(5, 7)}.${w9.slice(0, 4)}`)
    // The fragment the live notice reloads is the same chart.
    const fragment = await t.get(`/projects/${mine}/remarks/chart`, chief.cookie)
    expect(fragment.status).toBe(200)
    expectWeeks({ 9: 2, 10: 1, 11: 1 }, { 11: 1 }, await fragment.text())
    expect((await t.get(`/projects/${mine}/remarks/chart`, outsider.cookie)).status).toBe(404)

    // Across projects: the chief sees only his; the admin both.
    const all = async (cookie: string) =>
      section(await (await t.get('/remarks', cookie)).text(), 'remarks-chart')!
    expectWeeks({ 9: 2, 10: 1, 11: 1 }, { 11: 1 }, await all(chief.cookie))
    expectWeeks({ 9: 2, 10: 2, 11: 1 }, { 10: 1, 11: 1 }, await all(admin.cookie))
    const scoped = await (await t.get(`/remarks/chart?project=${other}`, admin.cookie)).text()
    expectWeeks({ 10: 1 }, { 10: 1 }, scoped)
    // A project without remarks: an empty chart that says so, drawn with as many queries as
    // the full one (two grouped counts, whatever the number of remarks).
    const empty = await makeProject(t, admin.cookie, { code: `ГР-${dialect}-0` })
    const queries = async (project: number) => {
      t.takeQueryCount()
      expect((await t.get(`/projects/${project}/remarks/chart`, admin.cookie)).status).toBe(200)
      return t.takeQueryCount()
    }
    expect(await queries(mine)).toBe(await queries(empty))
    const e = section(
      await (await t.get(`/projects/${empty}/remarks`, admin.cookie)).text(),
      'remarks-chart',
    )!
    expect(e).toContain('За последние 12 недель замечаний не открывали и не закрывали')
    expect(e).not.toContain('<svg')
  })

  it('draws a batch’s balance after each day it moved, from its stock movements', async () => {
    const tp = await t.db.db
      .selectFrom('materials')
      .select('id')
      .where('code', '=', 'tp')
      .executeTakeFirstOrThrow()
    const actor = { userId: store.id, ip: null, requestId: null }
    const day = (n: number) => addDays(today, n)
    const b = await receiveBatch(
      t.db.db,
      actor,
      batchForm.parse({
        number: `БЛ-${dialect}`,
        material_id: String(tp.id),
        warehouse_id: '1',
        received_on: day(-10),
        received_qty: '1000',
      }),
      today,
    )
    const move = async (kind: 'issue' | 'consumption' | 'writeoff', quantity: number, on: string) =>
      expect(
        (
          await applyMovement(
            t.db.db,
            actor,
            { batchId: b.id, kind, quantity, movedOn: on, projectId: mine, reason: 'брак' },
            today,
          )
        ).ok,
      ).toBe(true)
    await move('issue', 300, day(-8))
    await move('consumption', 100.5, day(-8)) // the same day: one point
    await move('writeoff', 50, day(-3))

    const r = await t.get(`/stock/batches/${b.id}`, store.cookie)
    expect(r.status).toBe(200)
    const c = section(await r.text(), 'batch-balance')!
    expect(points(c, 'left')).toEqual({ [day(-10)]: 1000, [day(-8)]: 899.5, [day(-3)]: 849.5 })
    expect(points(c, 'in_store')).toEqual({ [day(-10)]: 1000, [day(-8)]: 700, [day(-3)]: 650 })
    expect(c).toContain('data-live-stock')
    const d8 = day(-8)
    expect(c).toContain(
      `<title>${d8.slice(8)}.${d8.slice(5, 7)}.${d8.slice(0, 4)} — всего (склад и объекты): 899,5 кг</title>`,
    )
    // The live region reloads from its own URL with the same numbers.
    const fragment = await (await t.get(`/stock/batches/${b.id}/balance`, store.cookie)).text()
    expect(points(fragment, 'left')).toEqual(points(c, 'left'))
    const inspector = await t.signIn('inspector') // no access to the warehouse
    expect((await t.get(`/stock/batches/${b.id}/balance`, inspector.cookie)).status).toBe(403)

    // A batch with no movement at all (an imported card) says so instead of drawing.
    const now = new Date().toISOString()
    const bare = await t.db.db
      .insertInto('stock_batches')
      .values({
        number: `БЛ-${dialect}-0`,
        material_id: tp.id,
        warehouse_id: 1,
        received_on: today,
        received_qty: 0,
        created_at: now,
        updated_at: now,
        created_by: null,
        updated_by: null,
        location: null,
        manufacturer: null,
        supplier: null,
        manufactured_on: null,
        shelf_life_months: null,
        expires_on: null,
        blocked_reason: null,
        notes: null,
        legacy_key: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    t.takeQueryCount()
    const e = await (await t.get(`/stock/batches/${bare.id}/balance`, store.cookie)).text()
    const bareQueries = t.takeQueryCount()
    await t.get(`/stock/batches/${b.id}/balance`, store.cookie)
    expect(t.takeQueryCount()).toBe(bareQueries) // one grouped query, however many movements
    expect(e).toContain('Движений по партии ещё не было')
    expect(e).not.toContain('<svg')
  })
})

describe.each(DIALECTS)('empty remarks, warehouse, ГПР and weekly lists on %s', (dialect) => {
  let t: TestApp
  const who: Record<string, { id: number; cookie: string }> = {}
  let project: number
  beforeAll(async () => {
    t = await testApp(dialect)
    for (const role of ['admin', 'inspector', 'viewer', 'storekeeper', 'director'] as const)
      who[role] = await t.signIn(role)
    project = await makeProject(t, who.admin.cookie, { code: `ПУ-${dialect}` })
    await addMember(t, who.admin.cookie, project, who.inspector.id)
    await addMember(t, who.admin.cookie, project, who.viewer.id)
  })
  afterAll(() => t.close())
  const page = async (path: string, role: string) => {
    const r = await t.get(path, who[role].cookie)
    expect(r.status, path).toBe(200)
    return r.text()
  }

  it('no remarks yet: the inspector is asked to register the first, the viewer is only told', async () => {
    const path = `/projects/${project}/remarks`
    const html = await page(path, 'inspector')
    const card = emptyCard(html)!
    expect(card).toContain('Замечаний пока нет — зарегистрируйте первое')
    expect(card).toContain(`href="/projects/${project}/remarks/new"`)
    // Loading indicators: the filters' and the pager's.
    expect(html).toContain('hx-indicator="#remarks-busy"')
    expect(html).toContain('id="remarks-busy"')
    const filters = html.indexOf(`hx-get="${path}"`)
    expect(filters).toBeGreaterThan(0)
    expect(html.slice(filters, html.indexOf('</form>', filters))).toContain('class="busy ')
    const viewer = emptyCard(await page(path, 'viewer'))!
    expect(viewer).toContain('Замечаний пока нет')
    expect(viewer).not.toContain('зарегистрируйте')
    expect(viewer).not.toContain('/remarks/new')
    // Filters that match nothing offer to reset them instead.
    const filtered = emptyCard(await page(`${path}?status=closed`, 'inspector'), 'filtered')!
    expect(filtered).toContain(`href="${path}"`)
    expect(emptyCard(await page('/remarks?overdue=1', 'viewer'), 'filtered')).toContain(
      'href="/remarks"',
    )
  })

  it('no batches yet: the storekeeper gets the receipt button, the viewer does not', async () => {
    const card = emptyCard(await page('/stock/batches', 'storekeeper'))!
    expect(card).toContain('Партий пока нет')
    expect(card).toContain('href="/stock/batches/new"')
    expect(emptyCard(await page('/stock/batches', 'viewer'))).not.toContain('/stock/batches/new')
    expect(emptyCard(await page('/stock/batches?q=нет-такой', 'viewer'), 'filtered')).toContain(
      'href="/stock/batches"',
    )
    const requests = await page('/stock/requests', 'viewer')
    expect(emptyCard(requests)).toContain('Заявок пока нет')
    expect(requests).toContain('id="requests-busy"')
  })

  it('an empty ГПР and no weekly report yet say what to do, to whom may do it', async () => {
    const empty = await page('/gpr?status=completed', 'admin')
    expect(emptyCard(empty, 'filtered')).toContain('href="/gpr?month=')
    expect(empty).toContain('id="gpr-busy"')
    const fresh = await makeProject(t, who.admin.cookie, { code: `ПУ-${dialect}-2` })
    expect(fresh).toBeGreaterThan(0)
    // A project without any plan or fact has no row in the grid: the grid is empty.
    const grid = emptyCard(await page('/gpr', 'admin'))!
    expect(grid).toContain('В ГПР пока нет объектов')
    expect(grid).toContain('href="/projects"')
    expect(emptyCard(await page('/gpr', 'viewer'))).not.toContain('href="/projects"')
    expect(emptyCard(await page('/gpr/weekly', 'director'))).toContain('Выпустите первый')
    expect(emptyCard(await page('/gpr/weekly', 'viewer'))).toContain(
      'выпускает исполнительный директор',
    )
  })
})

describe.each(DIALECTS)('the remarks chart is live on %s', (dialect) => {
  let t: LiveTestApp
  afterAll(() => t?.close())

  it('a remark registered by construction control tells the open registry to reload its chart, which then counts it', async () => {
    t = await liveTestApp(dialect)
    const admin = await t.signIn('admin')
    const chief = await t.signIn('site_chief')
    const inspector = await t.signIn('inspector')
    const project = await makeProject(t, admin.cookie, { code: `ЖВ-${dialect}` })
    for (const u of [chief, inspector]) await addMember(t, admin.cookie, project, u.id)
    const html = await (await t.get(`/projects/${project}/remarks`, chief.cookie)).text()
    const chart = section(html, 'remarks-chart')!
    expect(chart).toContain('data-live-remarks')
    const tokens = [
      ...decodeURIComponent(/ws-connect="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&')).matchAll(
        /[?&]s=([^&]+)/g,
      ),
    ].map((m) => m[1])
    const socket = await t.socket(chief.cookie, [], { raw: tokens })
    expect(ackOf(await socket.next(isAck)).refused).toEqual([])

    const r = await t.post(
      `/projects/${project}/remarks`,
      { title: 'Смещение стрелки 1.18', priority: 'high' },
      inspector.cookie,
    )
    expect(r.status).toBe(303)
    expect(await socket.next((m) => m.includes('data-targets="[data-live-remarks]"'))).toContain(
      'id="live-refresh"',
    )
    const url = /data-resync="([^"]+)"/.exec(chart)![1]
    const again = await (await t.get(url, chief.cookie, { 'hx-request': 'true' })).text()
    expect(columns(again, 'opened').at(-1)).toBe(1) // this week
    expect(columns(again, 'opened').reduce((a, b) => a + b, 0)).toBe(1)
    await socket.close()
  })
})
