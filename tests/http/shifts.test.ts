import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { jobIdOf, runJobUntilDone } from '../support/jobs.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { isUniqueViolation } from '../../src/db/connect.ts'
import { seedDemoShifts } from '../../src/shifts/demo.ts'
import { closeForgottenShifts } from '../../src/shifts/shifts.queries.ts'

type Who = { id: number; cookie: string }

// Moscow wall time -> the stored UTC instant.
const msk = (s: string) => new Date(`${s}:00+03:00`).toISOString()
// The flash cookie: encoded by setFlash, then by the cookie helper.
const flashOf = (r: Response) =>
  decodeURIComponent(
    decodeURIComponent(/flash=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1] ?? ''),
  )
const monthTotal = (html: string) =>
  /id="month-total"[^>]*>([^<]*)</.exec(html)?.[1].replace(/\s+/g, ' ').trim()

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-shifts-'))
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

describe.each(DIALECTS)('work sessions (рабочие смены) on %s', (dialect) => {
  let t: TestApp
  let director: Who
  let chief: Who // site chief: shares a project with `foreman`
  let foreman: Who
  let outsider: Who // a foreman on another site
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    const admin = await t.signIn('admin')
    director = await t.signIn('director')
    chief = await t.signIn('site_chief')
    foreman = await t.signIn('foreman')
    outsider = await t.signIn('foreman')
    const mine = await makeProject(t, admin.cookie)
    for (const u of [chief, foreman]) await addMember(t, admin.cookie, mine, u.id)
    await addMember(t, admin.cookie, await makeProject(t, admin.cookie), outsider.id)
  })
  afterAll(() => t.close())

  const shiftsOf = (userId: number) =>
    t.db.db
      .selectFrom('work_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('started_at')
      .execute()
  const insertShift = async (userId: number, start: string, end: string | null) =>
    (
      await t.db.db
        .insertInto('work_sessions')
        .values({
          user_id: userId,
          started_at: start,
          ended_at: end,
          note: null,
          correction_reason: null,
          corrected_by: null,
          created_at: start,
          created_by: userId,
          updated_at: start,
          updated_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id

  it('without a session the timesheet and the shift buttons lead to the login page', async () => {
    for (const r of [await t.get('/shifts'), await t.post('/shifts/start', { back: '/' })]) {
      expect(r.status).toBe(303)
      expect(r.headers.get('location')).toMatch(/^\/login/)
    }
  })

  it('a user starts and ends a shift from any page and comes back to it, told the times', async () => {
    const me = await t.signIn('pto_engineer')
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T05:02:10Z') })
    try {
      const page = await (await t.get('/projects?status=active', me.cookie)).text()
      expect(page).toContain('action="/shifts/start"')
      expect(page).toContain('name="back" value="/projects?status=active"')
      const started = await t.post('/shifts/start', { back: '/projects?status=active' }, me.cookie)
      expect(started.status).toBe(303)
      expect(started.headers.get('location')).toBe('/projects?status=active')
      expect(flashOf(started)).toBe('Смена начата в 08:02')
      const during = await (await t.get('/projects', me.cookie)).text()
      expect(during).toContain('action="/shifts/end"')
      expect(during).toContain('смена с 08:02')
      vi.setSystemTime(new Date('2026-11-24T14:17:40Z'))
      const ended = await t.post('/shifts/end', { back: '//evil.example/x' }, me.cookie)
      expect(ended.headers.get('location')).toBe('/')
      expect(flashOf(ended)).toBe('Смена завершена: 9 ч 15 мин')
      const [s] = await shiftsOf(me.id)
      expect([s.started_at, s.ended_at, s.auto_closed]).toEqual([
        '2026-11-24T05:02:10.000Z',
        '2026-11-24T14:17:40.000Z',
        0,
      ])
      const again = await t.post('/shifts/end', { back: '/projects' }, me.cookie)
      expect(flashOf(again)).toBe('Смена не была начата — завершать нечего')
    } finally {
      vi.useRealTimers()
    }
    const actions = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'work_session')
      .where('user_id', '=', me.id)
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['shift.start', 'shift.end'])
  })

  it('a second start while a shift is open is refused; the database refuses it too, even in a race', async () => {
    const me = await t.signIn('foreman')
    await t.post('/shifts/start', { back: '/' }, me.cookie)
    const second = await t.post('/shifts/start', { back: '/' }, me.cookie)
    expect(second.status).toBe(303)
    expect(flashOf(second)).toMatch(
      /^Смена уже идёт с \d\d\.\d\d\.\d{4} \d\d:\d\d: сначала завершите её$/,
    )
    expect((await shiftsOf(me.id)).filter((s) => !s.ended_at)).toHaveLength(1)
    const err = await insertShift(me.id, new Date().toISOString(), null).catch((e) => e)
    expect(isUniqueViolation(err)).toBe(true)

    const racer = await t.signIn('foreman')
    const both = await Promise.all([1, 2].map(() => t.post('/shifts/start', {}, racer.cookie)))
    expect(both.map((r) => r.status)).toEqual([303, 303])
    expect(both.map(flashOf).filter((f) => f.startsWith('Смена начата'))).toHaveLength(1)
    expect(await shiftsOf(racer.id)).toHaveLength(1)
  })

  it('a forgotten shift is closed at its start + SHIFT_MAX_HOURS and flagged, by the hourly pass', async () => {
    const me = await t.signIn('foreman')
    const id = await insertShift(me.id, '2026-11-10T06:00:00.000Z', null)
    expect(await closeForgottenShifts(t.db.db, new Date('2026-11-10T19:59:00Z'), 14)).toEqual([])
    const closed = await closeForgottenShifts(t.db.db, new Date('2026-11-11T03:00:00Z'), 14)
    expect(closed.map((s) => [s.id, s.ended_at, s.auto_closed])).toEqual([
      [id, '2026-11-10T20:00:00.000Z', 1],
    ])
    expect(await closeForgottenShifts(t.db.db, new Date('2026-11-12T00:00:00Z'), 14)).toEqual([])
    const entry = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shift.auto_close')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect(entry.user_id).toBeNull()
    expect(JSON.parse(String(entry.after)).ended_at).toBe('2026-11-10T20:00:00.000Z')
    const sheet = await (await t.get('/shifts?month=2026-11', me.cookie)).text()
    expect(sheet).toContain('закрыта автоматически')
    expect(monthTotal(sheet)).toBe('14 ч')
  })

  it('a forgotten shift is closed when its owner presses «Завершить» or starts anew', async () => {
    const me = await t.signIn('foreman')
    const start = new Date(Date.now() - 40 * 3600_000)
    await insertShift(me.id, start.toISOString(), null)
    const ended = await t.post('/shifts/end', { back: '/shifts' }, me.cookie)
    expect(flashOf(ended)).toContain('была открыта дольше 14 ч и закрыта автоматически')
    const [s] = await shiftsOf(me.id)
    expect([s.ended_at, s.auto_closed]).toEqual([
      new Date(start.getTime() + 14 * 3600_000).toISOString(),
      1,
    ])
    await insertShift(me.id, new Date(Date.now() - 15 * 3600_000).toISOString(), null)
    const started = await t.post('/shifts/start', { back: '/shifts' }, me.cookie)
    expect(flashOf(started)).toMatch(/^Смена начата в \d\d:\d\d\. Смена с .* закрыта автоматически/)
    const all = await shiftsOf(me.id)
    expect(all.map((x) => [x.auto_closed, x.ended_at == null])).toEqual([
      [1, false],
      [1, false],
      [0, true],
    ])
  })

  it('the timesheet splits a night shift at Moscow midnight and counts only the month’s part', async () => {
    const me = await t.signIn('foreman')
    await insertShift(me.id, msk('2026-10-31T20:00'), msk('2026-11-01T04:00'))
    await insertShift(me.id, msk('2026-11-02T08:00'), msk('2026-11-02T12:30'))
    await insertShift(me.id, msk('2026-11-02T13:00'), msk('2026-11-02T17:15'))
    await insertShift(me.id, msk('2026-11-30T22:00'), msk('2026-12-01T06:00'))
    const nov = await (await t.get('/shifts?month=2026-11', me.cookie)).text()
    expect(monthTotal(nov)).toBe('14,75 ч')
    const day1 = /id="day-2026-11-01"[\s\S]*?<\/tr>/.exec(nov)![0]
    expect(day1).toContain('00:00 – 04:00')
    expect(day1).toContain('смена с 31.10.2026 20:00')
    expect(/id="day-2026-11-02"[\s\S]*?<\/tr>/.exec(nov)![0]).toMatch(/>8,75</)
    expect(nov).toContain('смен: 4')
    expect(monthTotal(await (await t.get('/shifts?month=2026-10', me.cookie)).text())).toBe('4 ч')
    expect(monthTotal(await (await t.get('/shifts?month=2026-12', me.cookie)).text())).toBe('6 ч')
    // Nonsense in the query falls back to this month rather than failing.
    expect((await t.get('/shifts?month=2026-13&user=abc', me.cookie)).status).toBe(200)
  })

  it('a site chief corrects a shift with a reason: audited before/after, shown «исправлена»', async () => {
    const id = await insertShift(foreman.id, msk('2026-11-05T08:00'), msk('2026-11-05T22:00'))
    const form = await (await t.get(`/shifts/${id}/edit`, chief.cookie)).text()
    expect(form).toContain('value="2026-11-05T08:00"')
    const r = await t.post(
      `/shifts/${id}`,
      {
        version: '1',
        started_at: '2026-11-05T08:00',
        ended_at: '2026-11-05T17:30',
        reason: 'Забыл завершить смену',
      },
      chief.cookie,
    )
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(`/shifts?user=${foreman.id}&month=2026-11`)
    const [row] = (await shiftsOf(foreman.id)).filter((s) => s.id === id)
    expect([row.ended_at, row.version, row.corrected_by]).toEqual([
      msk('2026-11-05T17:30'),
      2,
      chief.id,
    ])
    const entry = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shift.update')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect([entry.user_id, entry.entity_type]).toEqual([chief.id, 'work_session'])
    expect(JSON.parse(String(entry.before)).ended_at).toBe(msk('2026-11-05T22:00'))
    expect(JSON.parse(String(entry.after)).correction_reason).toBe('Забыл завершить смену')
    const sheet = await (await t.get(r.headers.get('location')!, chief.cookie)).text()
    expect(sheet).toContain('исправлена')
    expect(sheet).toContain('«Забыл завершить смену»')

    const stale = await t.post(
      `/shifts/${id}`,
      { version: '1', started_at: '2026-11-05T07:00', ended_at: '2026-11-05T17:30', reason: 'x' },
      director.cookie,
    )
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Запись уже изменил другой пользователь')
    expect((await shiftsOf(foreman.id)).find((s) => s.id === id)!.started_at).toBe(
      msk('2026-11-05T08:00'),
    )
  })

  it('a correction is refused with a message by the field: end before start, overlap, no reason', async () => {
    const a = await insertShift(foreman.id, msk('2026-11-06T08:00'), msk('2026-11-06T12:00'))
    await insertShift(foreman.id, msk('2026-11-06T13:00'), msk('2026-11-06T18:00'))
    const post = (form: Record<string, string>) =>
      t.post(`/shifts/${a}`, { version: '1', reason: 'Уточнение', ...form }, chief.cookie)
    const backwards = await post({ started_at: '2026-11-06T08:00', ended_at: '2026-11-06T07:00' })
    expect(backwards.status).toBe(422)
    expect(await backwards.text()).toMatch(/id="f-ended_at-error">Окончание смены раньше начала</)
    const overlap = await post({ started_at: '2026-11-06T08:00', ended_at: '2026-11-06T14:00' })
    expect(overlap.status).toBe(422)
    expect(await overlap.text()).toContain('Пересекается с другой сменой этого сотрудника')
    const noReason = await post({
      started_at: '2026-11-06T08:00',
      ended_at: '2026-11-06T12:30',
      reason: ' ',
    })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toMatch(/id="f-reason-error">Укажите причину исправления</)
    const future = await post({ started_at: '2999-01-01T08:00', ended_at: '2999-01-01T09:00' })
    expect(await future.text()).toContain('Начало смены в будущем')
    expect((await shiftsOf(foreman.id)).find((s) => s.id === a)!.version).toBe(1)
  })

  it('a foreman may not correct nor see others; a site chief sees only his projects’ people', async () => {
    const theirs = await insertShift(outsider.id, msk('2026-11-07T08:00'), msk('2026-11-07T17:00'))
    const chiefs = await insertShift(chief.id, msk('2026-11-07T08:00'), msk('2026-11-07T17:00'))
    const fix = { version: '1', started_at: '2026-11-07T08:00', ended_at: '2026-11-07T16:00' }
    expect((await t.get(`/shifts?user=${chief.id}`, foreman.cookie)).status).toBe(403)
    expect((await t.get('/shifts/team', foreman.cookie)).status).toBe(403)
    expect((await t.get(`/shifts/${chiefs}/edit`, foreman.cookie)).status).toBe(403)
    expect(
      (await t.post(`/shifts/${chiefs}`, { ...fix, reason: 'x' }, foreman.cookie)).status,
    ).toBe(403)
    expect(
      (await t.post('/shifts/export', { user: String(chief.id) }, foreman.cookie)).status,
    ).toBe(403)
    expect((await t.get(`/shifts?user=${outsider.id}`, chief.cookie)).status).toBe(404)
    expect((await t.get(`/shifts/${theirs}/edit`, chief.cookie)).status).toBe(404)
    expect((await t.post(`/shifts/${theirs}`, { ...fix, reason: 'x' }, chief.cookie)).status).toBe(
      404,
    )
    expect((await t.get(`/shifts?user=${foreman.id}`, chief.cookie)).status).toBe(200)
    const team = await (await t.get('/shifts/team?month=2026-11', chief.cookie)).text()
    expect(team).toContain(`id="team-${foreman.id}"`)
    expect(team).not.toContain(`id="team-${outsider.id}"`)
    expect((await t.get(`/shifts?user=${outsider.id}`, director.cookie)).status).toBe(200)
    const all = await (await t.get('/shifts/team?month=2026-11', director.cookie)).text()
    expect(all).toContain(`id="team-${outsider.id}"`)
  })

  it('the Excel timesheet of one person and of the team carries the right totals', async () => {
    const me = await t.signIn('foreman')
    await insertShift(me.id, msk('2026-09-30T22:00'), msk('2026-10-01T07:00')) // 7 h in October
    await insertShift(me.id, msk('2026-10-12T08:00'), msk('2026-10-12T17:15'))
    const rowsOf = async (jobId: number) => {
      await runJobUntilDone(t, jobId, uploadDir)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(
        await (await t.get(`/jobs/${jobId}/download`, director.cookie)).arrayBuffer(),
      )
      return (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) =>
        r.slice(1),
      )
    }
    const own = await t.post(
      '/shifts/export',
      { month: '2026-10', user: String(me.id) },
      director.cookie,
    )
    expect(own.status).toBe(303)
    expect(own.headers.get('location')).toMatch(/^\/jobs\/\d+$/)
    const rows = await rowsOf(jobIdOf(own))
    expect(String(rows[0][0])).toContain('октябрь 2026')
    expect(rows.find((r) => r[0] === '01.10.2026')?.[2]).toBe(7)
    expect(rows.find((r) => r[0] === 'Итого')?.[2]).toBe(16.25)

    const team = await t.post(
      '/shifts/export',
      { month: '2026-10', scope: 'team' },
      director.cookie,
    )
    const grid = await rowsOf(jobIdOf(team))
    const { full_name } = await t.db.db
      .selectFrom('users')
      .select('full_name')
      .where('id', '=', me.id)
      .executeTakeFirstOrThrow()
    const mine = grid.find((r) => r[0] === full_name)!
    expect(mine[1]).toBe(7)
    expect(mine[12]).toBe(9.25) // the 12th of October
    expect(mine.slice(-3)).toEqual([16.25, 2, 0])
  })

  it('the team summary runs a bounded number of queries whatever the number of people', async () => {
    const count = async () => {
      t.takeQueryCount()
      const r = await t.get('/shifts/team?month=2026-11', director.cookie)
      expect(r.status).toBe(200)
      return t.takeQueryCount()
    }
    const before = await count()
    for (let i = 0; i < 6; i++) {
      const u = await t.signIn('foreman')
      await insertShift(u.id, msk(`2026-11-1${i}T08:00`), msk(`2026-11-1${i}T17:00`))
    }
    expect(await count()).toBe(before)
    expect(before).toBeLessThanOrEqual(8)
  })

  it('the demo gives foremen and site chiefs two weeks of shifts, one closed by the rule, one corrected', async () => {
    const ids: Record<string, number> = {}
    for (const [login, role] of [
      ['foreman.volkov', 'foreman'],
      ['foreman.lebedev', 'foreman'],
      ['chief.petrov', 'site_chief'],
      ['chief.kuznetsov', 'site_chief'],
    ] as const)
      ids[login] = (await t.signIn(role, login)).id
    const n = await seedDemoShifts(t.db.db, ids)
    expect(n).toBeGreaterThanOrEqual(40)
    const rows = await t.db.db
      .selectFrom('work_sessions')
      .selectAll()
      .where('user_id', 'in', Object.values(ids))
      .execute()
    expect(rows.filter((r) => r.auto_closed)).toHaveLength(1)
    expect(rows.filter((r) => r.correction_reason)).toHaveLength(1)
    expect(rows.every((r) => r.ended_at && r.ended_at > r.started_at)).toBe(true)
  })
})
