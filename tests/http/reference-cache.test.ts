import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nowIso } from '../../src/db/business.ts'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'

// Reference lists are read once per process and forgotten when they change: at once after a
// write through the app, and on a message over the live bus (LISTEN/NOTIFY on PostgreSQL) for
// writes another process made.
describe.each(DIALECTS)('reference cache on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  let log: string
  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    foreman = await t.signIn('foreman')
    const projectId = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, projectId, foreman.id)
    log = `/projects/${projectId}/worklog`
  })
  afterAll(() => t.close())

  const logPage = async () => {
    const r = await t.get(log, foreman.cookie)
    expect(r.status).toBe(200)
    return r.text()
  }

  it('a second view of the work log asks the database fewer questions', async () => {
    await logPage()
    t.takeQueryCount()
    await logPage()
    const warm = t.takeQueryCount()
    // Marking types, materials and crews came from memory: three queries fewer than a cold page.
    await t.live.referenceChanged(['marking_types', 'materials', 'crews'])
    await new Promise((r) => setTimeout(r, 200))
    t.takeQueryCount()
    await logPage()
    expect(t.takeQueryCount()).toBe(warm + 3)
  })

  it('a crew added through the app is offered at once', async () => {
    await logPage()
    const r = await t.post('/reference/crews', { name: 'Бригада Кэш-1' }, admin.cookie)
    expect(r.status).toBe(303)
    expect(await logPage()).toContain('Бригада Кэш-1')
  })

  it('a crew written by another process is offered once the bus says so', async () => {
    expect(await logPage()).not.toContain('Бригада Кэш-2')
    const now = nowIso()
    await t.db.db
      .insertInto('crews')
      .values({ name: 'Бригада Кэш-2', created_at: now, updated_at: now })
      .execute()
    // Another process's write: this one has not heard of it and still serves its memory.
    expect(await logPage()).not.toContain('Бригада Кэш-2')
    await t.live.referenceChanged(['crews'])
    await expect.poll(async () => (await logPage()).includes('Бригада Кэш-2')).toBe(true)
  })

  it('a refused write forgets nothing', async () => {
    await logPage()
    t.takeQueryCount()
    const r = await t.post('/reference/crews', { name: '' }, admin.cookie)
    expect(r.status).toBe(422)
    t.takeQueryCount()
    await logPage()
    const after = t.takeQueryCount()
    await logPage()
    expect(after).toBe(t.takeQueryCount())
  })
})
