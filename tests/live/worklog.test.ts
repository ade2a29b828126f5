import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { moscowToday } from '../../src/documents/state.ts'

describe.each(DIALECTS)('work log live on %s', (dialect) => {
  let t: LiveTestApp
  beforeAll(async () => {
    t = await liveTestApp(dialect)
  })
  afterAll(() => t.close())

  it('a foreman’s lines reach the director’s open log with a notice to reload the totals', async () => {
    const admin = await t.signIn('admin')
    const director = await t.signIn('director')
    const foreman = await t.signIn('foreman')
    const outsider = await t.signIn('site_chief')
    const projectId = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, projectId, foreman.id)
    const type = await t.db.db
      .selectFrom('marking_types')
      .select('id')
      .where('code', '=', '1.1')
      .executeTakeFirstOrThrow()
    const watcher = await t.socket(director.cookie, ['worklog', `worklog:${projectId}`])
    expect(ackOf(await watcher.next(isAck)).subscribed).toHaveLength(2)
    const other = await t.socket(outsider.cookie, ['worklog', `worklog:${projectId}`])
    expect(ackOf(await other.next(isAck)).refused).toEqual([`worklog:${projectId}`])
    const r = await t.post(
      `/projects/${projectId}/worklog`,
      {
        work_date: moscowToday(),
        l0_material_code: 'tp',
        l0_marking_type_id: String(type.id),
        l0_metres: '250',
      },
      foreman.cookie,
    )
    expect(r.status).toBe(303)
    const pushed = await watcher.next(
      (m) => m.includes('afterbegin:#worklog-rows') && m.includes('25'),
    )
    expect(pushed).toContain('id="live-refresh"')
    expect(pushed).toContain('data-targets="[data-live-sums]"')
    await t.live.idle()
    expect(other.messages.join('')).not.toContain('worklog-rows')
    await Promise.all([watcher.close(), other.close()])
  })
})
