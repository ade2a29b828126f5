import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { loadConfig } from '../../src/config.ts'
import { loadCurrentUser } from '../../src/auth/load-user.ts'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { monthDays } from '../../src/gpr/gpr.queries.ts'
import { seedDemo } from '../../src/seed/demo.ts'
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts'
import { computeWeek } from '../../src/weekly/weekly.queries.ts'
import { addDays, weekday } from '../../src/weekly/week.ts'
import { totals } from '../../src/worklog/worklog.queries.ts'

// ---- reading the page ----------------------------------------------------------------------
const unescape = (s: string) => s.replace(/&amp;/g, '&')
const tile = (page: string, id: string) => {
  const at = page.indexOf(`<section id="tile-${id}"`)
  return at < 0 ? null : page.slice(at, page.indexOf('</section>', at) + 10)
}
const countOf = (t: string) => Number(/data-count="(\d+)"/.exec(t)?.[1])
const hrefOf = (t: string) => unescape(/<h2[^>]*><a[^>]*href="([^"]+)"/.exec(t)![1])
const all = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => m[1])
const rowCount = (s: string, re: RegExp) => (s.match(re) ?? []).length
// The bars' numbers: project id → { plan, fact } from the chart's data-value attributes.
function bars(t: string) {
  const out = new Map<number, { plan: number; fact: number }>()
  for (const g of t.split('<g data-key="').slice(1)) {
    const v = (series: string) =>
      Number(new RegExp(`data-series="${series}" data-value="([^"]+)"`).exec(g)![1])
    out.set(Number(g.slice(0, g.indexOf('"'))), { plan: v('target'), fact: v('value') })
  }
  return out
}
// The cumulative line's points of one series: day → value.
function points(t: string, series: string) {
  const g = t.slice(t.indexOf(`<g data-series="${series}"`))
  const body = g.slice(0, g.indexOf('</svg>'))
  const next = body.indexOf('<g data-series', 5)
  return new Map(
    [
      ...(next > 0 ? body.slice(0, next) : body).matchAll(
        /data-day="([^"]+)" data-value="([^"]+)"/g,
      ),
    ].map((m) => [m[1], Number(m[2])]),
  )
}
// The streams the page watches, as the signed tokens its socket sends.
const streamTokens = (page: string) =>
  all(unescape(/ws-connect="([^"]+)"/.exec(page)![1]), /[?&]s=([^&]+)/g).map(decodeURIComponent)
const streamNames = (page: string) => streamTokens(page).map((s) => s.slice(0, s.lastIndexOf('~')))

describe.each(DIALECTS)('the dashboard on %s', (dialect) => {
  let t: LiveTestApp
  let dir: string
  const cookie: Record<string, string> = {}
  const ids: Record<string, number> = {}
  const today = moscowToday()
  const days = monthDays(today.slice(0, 7))
  const page = async (who: string) => {
    const r = await t.get('/', cookie[who])
    expect(r.status).toBe(200)
    return r.text()
  }
  const list = async (who: string, href: string) => (await t.get(href, cookie[who])).text()
  const userOf = async (login: string) =>
    (await loadCurrentUser(t.db.db, ids[login])) as CurrentUser

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strod-dash-'))
    t = await liveTestApp(dialect, { UPLOAD_DIR: dir })
    await seedDemo(t.db.db, () => {}, loadConfig({ UPLOAD_DIR: dir }))
    const logins = ['director', 'pm.orlova', 'foreman.volkov', 'pto.ivanova']
    for (const login of [...logins, 'inspector.fedorov', 'store.morozova']) {
      const r = await t.post('/login', { login, password: DEMO_PASSWORD })
      expect(r.status, login).toBe(303)
      cookie[login] = r.headers.get('set-cookie')!.split(';')[0]
      ids[login] = (
        await t.db.db
          .selectFrom('users')
          .select('id')
          .where('login', '=', login)
          .executeTakeFirstOrThrow()
      ).id
    }
  }, 120_000)
  afterAll(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the director’s overdue remarks and documents equal the rows of the lists they link to', async () => {
    const home = await page('director')
    for (const [id, row] of [
      ['overdue-remarks', /<tr id="remark-\d+"/g],
      ['overdue-documents', /<tr id="document-\d+"/g],
    ] as const) {
      const t1 = tile(home, id)!
      const n = countOf(t1)
      expect(n, id).toBeGreaterThan(0)
      expect(hrefOf(t1)).toMatch(/\?overdue=1$/)
      const linked = await list('director', hrefOf(t1))
      expect(linked).not.toContain('Далее →') // one page holds them all
      expect(rowCount(linked, row), id).toBe(n)
      // … and each project's line equals that project's filtered list.
      const perProject = [...t1.matchAll(/data-project="(\d+)" data-n="(\d+)"[^]*?href="([^"]+)"/g)]
      expect(perProject.length).toBeGreaterThan(0)
      for (const [, project, count, href] of perProject) {
        expect(unescape(href)).toBe(`${hrefOf(t1)}&project=${project}`)
        expect(rowCount(await list('director', unescape(href)), row)).toBe(Number(count))
      }
    }
  })

  it('low and expiring stock and pending requests equal the warehouse’s lists', async () => {
    const home = await page('director')
    const alerts = tile(home, 'stock-alerts')!
    expect(countOf(alerts)).toBe(3)
    expect(rowCount(await list('director', '/stock'), /id="stock-alert-\d+"/g)).toBe(3)
    const requests = tile(home, 'requests')!
    expect(hrefOf(requests)).toBe('/stock/requests?status=pending')
    const linked = await list('director', hrefOf(requests))
    expect(rowCount(linked, /<tr id="material-request-\d+"/g)).toBe(countOf(requests))
    expect(countOf(requests)).toBeGreaterThan(0)
  })

  it('the project bars hold each active project’s month plan and its work log of the month', async () => {
    const home = await page('director')
    const t1 = tile(home, 'progress')!
    const shown = bars(t1)
    expect(shown.size).toBeGreaterThan(0)
    expect(shown.size).toBeLessThanOrEqual(20)
    const director = await userOf('director')
    const active = await t.db.db
      .selectFrom('projects')
      .select('id')
      .where('status', '=', 'active')
      .execute()
    const activeIds = new Set(active.map((p) => p.id))
    for (const [id, { fact }] of shown) {
      expect(activeIds.has(id)).toBe(true)
      const log = await totals(t.db.db, director, { project: id, from: days[0], to: days.at(-1) })
      expect(fact, `project ${id}`).toBeCloseTo(
        log.reduce((a, r) => a + r.area_m2, 0),
        1,
      )
    }
    // Every active project is either a bar or named among those without plan or fact.
    const idle = Number(/data-idle="(\d+)"/.exec(t1)?.[1] ?? 0)
    const more = Number(/ещё (\d+) проект/.exec(t1)?.[1] ?? 0)
    expect(shown.size + more + idle).toBe(active.length)
  })

  it('the month’s cumulative line: the fact is the work log, each full week’s plan the weekly report’s', async () => {
    const t1 = tile(await page('director'), 'month')!
    if (!t1.includes('data-chart="cumulative"')) {
      expect(t1).toContain('нет ни плана, ни выполненных объёмов') // an empty month says so
      return
    }
    const fact = points(t1, 'fact')
    const plan = points(t1, 'plan')
    expect([...fact.keys()].at(-1)).toBe(today)
    expect(plan.size).toBe(days.length)
    const director = await userOf('director')
    const log = await totals(t.db.db, director, { from: days[0], to: today })
    expect(fact.get(today)).toBeCloseTo(
      log.reduce((a, r) => a + r.area_m2, 0),
      1,
    )
    // The weekly report spreads a plan the same way: a whole week inside the month adds its plan.
    const mondays = days.filter((d) => weekday(d) === 0 && days.includes(addDays(d, 6)))
    for (const monday of mondays) {
      const before = monday === days[0] ? 0 : plan.get(addDays(monday, -1))!
      const week = await computeWeek(t.db.db, monday)
      expect(plan.get(addDays(monday, 6))! - before, monday).toBeCloseTo(week.totals.plan_m2, 0)
    }
  })

  it('a foreman sees his own projects, his lines, his remarks and his week', async () => {
    const home = await page('foreman.volkov')
    expect(tile(home, 'stock-alerts')).toBeNull()
    expect(tile(home, 'overdue-documents')).toBeNull()
    const foreman = await userOf('foreman.volkov')
    const mine = await t.db.db
      .selectFrom('projects')
      .select('id')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('project_members as pm')
            .innerJoin('group_members as gm', 'gm.group_id', 'pm.group_id')
            .select('pm.id')
            .whereRef('pm.project_id', '=', 'projects.id')
            .where('gm.user_id', '=', foreman.id),
        ),
      )
      .execute()
    const bars1 = bars(tile(home, 'progress')!)
    expect(bars1.size).toBeGreaterThan(0)
    for (const id of bars1.keys()) expect(mine.map((p) => p.id)).toContain(id)
    expect(bars(tile(await page('director'), 'progress')!).size).toBeGreaterThan(bars1.size)
    const remarks = tile(home, 'my-remarks')!
    expect(hrefOf(remarks)).toBe('/remarks?mine=1&status=open')
    expect(rowCount(await list('foreman.volkov', hrefOf(remarks)), /<tr id="remark-\d+"/g)).toBe(
      countOf(remarks),
    )
    const hours = tile(home, 'my-week')!
    const minutes = all(hours, /data-minutes="(\d+)"/g).map(Number)
    expect(minutes).toHaveLength(7)
    const total = minutes.reduce((a, b) => a + b, 0)
    expect(/data-count="([^"]+)"/.exec(hours)![1]).toBe(String(Math.round((total / 60) * 10) / 10))
    expect(tile(home, 'today-log')).toContain('Сегодня вы ещё не вносили объёмы')
  })

  it('the ПТО engineer sees the document flow: counts by state as the registry counts them', async () => {
    const home = await page('pto.ivanova')
    const flow = tile(home, 'document-flow')!
    for (const state of ['in_office', 'shipped', 'returned']) {
      const n = Number(new RegExp(`data-state="${state}"[^]*?data-count="(\\d+)"`).exec(flow)![1])
      const linked = await list('pto.ivanova', `/documents?state=${state}`)
      const rows = rowCount(linked, /<tr id="document-\d+"/g)
      // The list pages by 25: the first page is full when there are more.
      expect(rows, state).toBe(Math.min(n, 25))
    }
    const overdue = Number(/data-state="overdue"[^]*?data-count="(\d+)"/.exec(flow)![1])
    expect(overdue).toBe(countOf(tile(home, 'overdue-documents')!))
    const returns = tile(home, 'returns')!
    expect(all(returns, /data-document="(\d+)"/g).length).toBe(Math.min(5, countOf(returns)))
  })

  it('tiles respect project access: another project’s numbers are not counted, none at all without a project', async () => {
    const lone = await t.signIn('viewer')
    cookie.lone = lone.cookie
    let home = await page('lone')
    expect(tile(home, 'overdue-remarks')).toContain('Просроченных замечаний нет.')
    expect(tile(home, 'overdue-documents')).toContain('Просроченных документов у заказчика нет.')
    expect(tile(home, 'progress')).toContain('Активных проектов нет.')
    expect(countOf(tile(home, 'overdue-remarks')!)).toBe(0)
    // Given one project with overdue remarks, he counts that project's only.
    const director = tile(await page('director'), 'overdue-remarks')!
    const [, project, n] = /data-project="(\d+)" data-n="(\d+)"/.exec(director)!
    await t.db.db
      .insertInto('project_members')
      .values({
        project_id: Number(project),
        user_id: lone.id,
        group_id: null,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute()
    home = await page('lone')
    expect(countOf(tile(home, 'overdue-remarks')!)).toBe(Number(n))
    expect(all(tile(home, 'overdue-remarks')!, /data-project="(\d+)"/g)).toEqual([project])
    expect(countOf(tile(await page('director'), 'overdue-remarks')!)).toBeGreaterThan(Number(n))
  })

  it('each tile reloads alone for its own users; others get 404, a plain visit goes home', async () => {
    const home = await page('director')
    for (const id of ['month', 'progress', 'overdue-remarks', 'stock-alerts', 'requests']) {
      const r = await t.get(`/dashboard/tiles/${id}`, cookie.director, { 'hx-request': 'true' })
      expect(r.status, id).toBe(200)
      const body = await r.text()
      expect(body.startsWith(`<section id="tile-${id}"`), id).toBe(true)
      expect(body).toBe(tile(home, id))
    }
    const foreman = { 'hx-request': 'true' }
    expect(
      (await t.get('/dashboard/tiles/stock-alerts', cookie['foreman.volkov'], foreman)).status,
    ).toBe(404)
    expect((await t.get('/dashboard/tiles/nothing', cookie.director, foreman)).status).toBe(404)
    const plain = await t.get('/dashboard/tiles/month', cookie.director)
    expect(plain.status).toBe(302)
    expect(plain.headers.get('location')).toBe('/')
    const anonymous = await t.get('/')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toMatch(/^\/login/)
  })

  it('a bounded number of queries, the same for a manager of one project as of fifty', async () => {
    const one = await t.signIn('project_manager')
    await t.db.db
      .insertInto('project_members')
      .values({
        project_id: 1,
        user_id: one.id,
        group_id: null,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute()
    cookie.one = one.cookie
    const counts: number[] = []
    for (const who of ['pm.orlova', 'one', 'director']) {
      t.takeQueryCount()
      await page(who)
      counts.push(t.takeQueryCount())
    }
    expect(counts[0]).toBe(counts[1])
    expect(counts[2]).toBe(counts[0])
    // The session and the user (3), the month's plan and fact shared by the line and the bars
    // (4), overdue remarks, overdue documents, stock alerts, pending requests (1 each).
    expect(counts[0]).toBeLessThanOrEqual(12) // 11 as written
    t.takeQueryCount()
    await t.get('/dashboard/tiles/progress', cookie.director, { 'hx-request': 'true' })
    expect(t.takeQueryCount()).toBe(counts[0] - 4)
  })

  it('watches the existing streams, and a change there reloads the tile', async () => {
    const home = await page('director')
    const names = streamNames(home)
    expect(names).toContain('worklog')
    expect(names).toContain('stock')
    expect(names.length).toBeLessThanOrEqual(20)
    const overdue = tile(home, 'overdue-remarks')!
    const projects = all(overdue, /data-project="(\d+)"/g)
    for (const p of projects) expect(names).toContain(`remarks:${p}`)
    expect(streamNames(await page('foreman.volkov'))).not.toContain('stock')

    const socket = await t.socket(cookie.director, [], { raw: streamTokens(home) })
    expect(ackOf(await socket.next(isAck)).refused).toEqual([])
    // Construction control rejects an overdue remark: the tile is told to reload, and shows one less.
    const remark = await t.db.db
      .selectFrom('remarks')
      .select('id')
      .where('project_id', '=', Number(projects[0]))
      .where('status', '=', 'new')
      .where('deadline', '<', today)
      .executeTakeFirstOrThrow()
    const r = await t.post(
      `/remarks/${remark.id}/status`,
      { to: 'rejected', comment: 'Не относится к подрядчику' },
      cookie['inspector.fedorov'],
    )
    expect(r.status).toBe(303)
    expect(await socket.next((m) => m.includes('data-targets="[data-live-remarks]"'))).toContain(
      'id="live-refresh"',
    )
    expect(overdue).toContain('data-live-remarks')
    const again = await t.get(/data-resync="([^"]+)"/.exec(overdue)![1], cookie.director, {
      'hx-request': 'true',
    })
    expect(countOf(await again.text())).toBe(countOf(overdue) - 1)

    // A foreman's line: the work-log notice reloads the month's tiles, the fact grows by its m².
    const month = tile(home, 'month')!
    expect(month).toContain('data-live-sums')
    const type = await t.db.db
      .selectFrom('marking_types')
      .select('id')
      .where('code', '=', '1.1')
      .executeTakeFirstOrThrow()
    const post = await t.post(
      '/projects/1/worklog',
      {
        work_date: today,
        l0_material_code: 'tp',
        l0_marking_type_id: String(type.id),
        l0_metres: '250',
      },
      cookie['foreman.volkov'],
    )
    expect(post.status).toBe(303)
    await socket.next((m) => m.includes('data-targets="[data-live-sums]"'))
    const after = await (
      await t.get('/dashboard/tiles/month', cookie.director, { 'hx-request': 'true' })
    ).text()
    const line = await t.db.db
      .selectFrom('worklog_entries')
      .select('area_m2')
      .where('created_by', '=', ids['foreman.volkov'])
      .where('work_date', '=', today)
      .executeTakeFirstOrThrow()
    const before = points(month, 'fact').get(today) ?? 0
    expect(points(after, 'fact').get(today)! - before).toBeCloseTo(Number(line.area_m2), 1)
    const log = tile(await page('foreman.volkov'), 'today-log')!
    expect(countOf(log)).toBe(1)
    await socket.close()
  })
})
