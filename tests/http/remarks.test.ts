import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { createRemark, listRemarks } from '../../src/remarks/remarks.queries.ts'
import { loadCurrentUser } from '../../src/auth/load-user.ts'
import { allowedMoves } from '../../src/remarks/transitions.ts'
import type { Role } from '../../src/auth/roles.ts'

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-remarks-'))
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

const jpeg = () =>
  sharp({ create: { width: 64, height: 32, channels: 3, background: '#c00' } })
    .jpeg()
    .toBuffer()

describe.each(DIALECTS)('construction control remarks on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let inspector: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  let projectId: number
  const code = `ЗМ-${dialect}`
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    admin = await t.signIn('admin')
    inspector = await t.signIn('inspector')
    foreman = await t.signIn('foreman')
    projectId = await makeProject(t, admin.cookie, { code })
    for (const u of [inspector, foreman]) await addMember(t, admin.cookie, projectId, u.id)
  })
  afterAll(() => t.close())

  const idOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())
  const register = async (over: Record<string, string> = {}) => {
    const r = await t.post(
      `/projects/${projectId}/remarks`,
      {
        title: 'Ширина линии 1.1 меньше нормы',
        priority: 'high',
        location: 'км 12+350',
        assignee_id: String(foreman.id),
        deadline: '2026-12-01',
        ...over,
      },
      inspector.cookie,
    )
    expect(r.status).toBe(303)
    return idOf(r)
  }
  const move = (id: number, to: string, cookie: string, comment = '') =>
    t.post(`/remarks/${id}/status`, { to, comment }, cookie)
  const photo = async (id: number, cookie: string, phase = 'after') => {
    const fd = new FormData()
    fd.append('phase', phase)
    fd.append(
      'photo',
      new File([new Uint8Array(await jpeg())], 'после.jpg', { type: 'image/jpeg' }),
    )
    return t.app.request(`/remarks/${id}/photos`, {
      method: 'POST',
      body: fd,
      headers: { origin: 'http://localhost', cookie },
    })
  }

  it('twenty remarks registered at once get twenty distinct consecutive numbers', async () => {
    const p = await makeProject(t, admin.cookie, { code: `ПАР-${dialect}` })
    const actor = { userId: inspector.id, ip: null, requestId: null }
    const rows = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createRemark(
          t.db.db,
          actor,
          { id: p, code: `ПАР-${dialect}` },
          {
            title: `№${i}`,
            description: null,
            location: null,
            priority: 'normal',
            assignee_id: null,
            deadline: null,
          },
          '{code}-{NNN}',
        ),
      ),
    )
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    )
    expect(new Set(rows.map((r) => r.number)).size).toBe(20)
    expect(rows.map((r) => r.number)).toContain(`ПАР-${dialect}-020`)
  })

  it('runs the whole life: registered, in work, fixed with an «after» photo, verified, closed — all in the history', async () => {
    const id = await register()
    const row = await t.db.db
      .selectFrom('remarks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.number).toMatch(new RegExp(`^${code}-\\d{3}$`))
    expect((await move(id, 'in_progress', inspector.cookie)).status).toBe(422) // the contractor takes it
    expect((await move(id, 'in_progress', foreman.cookie)).status).toBe(303)
    const noPhoto = await move(id, 'fixed', foreman.cookie)
    expect(noPhoto.status).toBe(422)
    expect(await noPhoto.text()).toContain('Приложите фото «после»')
    expect((await photo(id, foreman.cookie)).status).toBe(303)
    expect((await move(id, 'fixed', foreman.cookie)).status).toBe(303)
    expect((await move(id, 'verified', foreman.cookie)).status).toBe(422) // only construction control
    expect((await move(id, 'in_progress', inspector.cookie)).status).toBe(422) // a reason is needed
    expect(
      (await move(id, 'in_progress', inspector.cookie, 'Линия прерывается на км 12+360')).status,
    ).toBe(303)
    expect((await move(id, 'fixed', foreman.cookie)).status).toBe(303)
    expect((await move(id, 'verified', inspector.cookie)).status).toBe(303)
    expect((await move(id, 'closed', inspector.cookie)).status).toBe(303)
    expect((await move(id, 'in_progress', foreman.cookie)).status).toBe(422)
    const events = await t.db.db
      .selectFrom('remark_events')
      .select(['kind', 'from_status', 'to_status'])
      .where('remark_id', '=', id)
      .orderBy('id')
      .execute()
    expect(
      events.filter((e) => e.kind === 'status').map((e) => `${e.from_status}>${e.to_status}`),
    ).toEqual([
      'new>in_progress',
      'in_progress>fixed',
      'fixed>in_progress',
      'in_progress>fixed',
      'fixed>verified',
      'verified>closed',
    ])
    expect(events[0].kind).toBe('created')
    expect(events.some((e) => e.kind === 'photo')).toBe(true)
    const closed = await t.db.db
      .selectFrom('remarks')
      .select(['status', 'closed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(closed.status).toBe('closed')
    expect(closed.closed_at).not.toBeNull()
    const notes = await t.db.db.selectFrom('notifications').select(['user_id', 'title']).execute()
    expect(notes.some((n) => n.user_id === foreman.id && n.title.includes('назначено'))).toBe(true)
    expect(notes.some((n) => n.user_id === inspector.id)).toBe(true)
  })

  it('the transition matrix follows the role', async () => {
    const moves = async (
      role: Role,
      from: 'new' | 'in_progress' | 'fixed' | 'verified' | 'closed',
    ) => {
      const u = await t.signIn(role)
      return allowedMoves((await loadCurrentUser(t.db.db, u.id))!, from).sort()
    }
    expect(await moves('foreman', 'new')).toEqual(['in_progress'])
    expect(await moves('foreman', 'in_progress')).toEqual(['fixed'])
    expect(await moves('foreman', 'fixed')).toEqual([])
    expect(await moves('inspector', 'new')).toEqual(['rejected'])
    expect(await moves('inspector', 'fixed')).toEqual([
      'closed',
      'in_progress',
      'rejected',
      'verified',
    ])
    expect(await moves('inspector', 'verified')).toEqual(['closed'])
    expect(await moves('viewer', 'new')).toEqual([])
    expect(await moves('storekeeper', 'in_progress')).toEqual([])
    expect(await moves('site_chief', 'new')).toEqual(['in_progress'])
    expect(await moves('inspector', 'closed')).toEqual([])
  })

  it('rejecting needs a reason, which stays on the remark', async () => {
    const id = await register()
    expect((await move(id, 'rejected', inspector.cookie)).status).toBe(422)
    expect(
      (await move(id, 'rejected', inspector.cookie, 'Замечание ошибочное: разметка по проекту'))
        .status,
    ).toBe(303)
    const row = await t.db.db
      .selectFrom('remarks')
      .select(['status', 'reject_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'rejected',
      reject_reason: 'Замечание ошибочное: разметка по проекту',
    })
  })

  it('overdue with a fixed clock: past the deadline and still open', async () => {
    const id = await register({ title: 'Просрочка', deadline: '2026-11-10' })
    const user = (await loadCurrentUser(t.db.db, inspector.id))!
    const on = async (today: string) =>
      (await listRemarks(t.db.db, user, { project: projectId, overdue: '1' }, { today })).rows.map(
        (r) => r.id,
      )
    expect(await on('2026-11-10')).not.toContain(id)
    expect(await on('2026-11-11')).toContain(id)
  })

  it('edits go to the history; the assignee is notified', async () => {
    const id = await register({ assignee_id: '' })
    const chief = await t.signIn('site_chief')
    await addMember(t, admin.cookie, projectId, chief.id)
    const r = await t.post(
      `/remarks/${id}`,
      {
        title: 'Ширина линии 1.1 меньше нормы',
        priority: 'critical',
        location: 'км 12+350',
        assignee_id: String(foreman.id),
        deadline: '2026-12-05',
        version: '1',
      },
      chief.cookie,
    )
    expect(r.status).toBe(303)
    const details = (
      await t.db.db
        .selectFrom('remark_events')
        .select('detail')
        .where('remark_id', '=', id)
        .execute()
    )
      .map((e) => e.detail)
      .join(' | ')
    expect(details).toContain('Исполнитель: Тестов')
    expect(details).toContain('Срок: 01.12.2026 → 05.12.2026')
    expect(details).toContain('приоритет: Критический')
    expect(
      (await t.post(`/remarks/${id}`, { title: 'X', priority: 'low', version: '1' }, chief.cookie))
        .status,
    ).toBe(409)
    expect(
      (
        await t.post(
          `/remarks/${id}`,
          { title: 'X', priority: 'low', version: '2' },
          foreman.cookie,
        )
      ).status,
    ).toBe(403)
  })

  it('a photo cannot be fetched by guessing its URL from outside the project; a non-image is refused', async () => {
    const id = await register()
    expect((await photo(id, foreman.cookie, 'before')).status).toBe(303)
    const p = await t.db.db
      .selectFrom('remark_photos')
      .select('id')
      .where('remark_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(
      (await t.get(`/remarks/${id}/photos/${p.id}/thumb`, foreman.cookie)).headers.get(
        'content-type',
      ),
    ).toBe('image/jpeg')
    const outsider = await t.signIn('inspector')
    for (const path of [
      `/remarks/${id}`,
      `/remarks/${id}/photos/${p.id}`,
      `/remarks/${id}/photos/${p.id}/thumb`,
      `/projects/${projectId}/remarks`,
    ])
      expect((await t.get(path, outsider.cookie)).status, path).toBe(404)
    expect((await move(id, 'rejected', outsider.cookie, 'x')).status).toBe(404)
    const fd = new FormData()
    fd.append('photo', new File([new Uint8Array(Buffer.from('%PDF-1.4 not an image'))], 'фото.jpg'))
    const bad = await t.app.request(`/remarks/${id}/photos`, {
      method: 'POST',
      body: fd,
      headers: { origin: 'http://localhost', cookie: foreman.cookie },
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Тип файла не подходит')
    expect((await t.get(`/remarks/${id}`)).headers.get('location')).toMatch(/^\/login/)
    const viewer = await t.signIn('viewer')
    await addMember(t, admin.cookie, projectId, viewer.id)
    expect((await t.get(`/projects/${projectId}/remarks/new`, viewer.cookie)).status).toBe(403)
    expect(
      (
        await t.post(
          `/projects/${projectId}/remarks`,
          { title: 'x', priority: 'low' },
          viewer.cookie,
        )
      ).status,
    ).toBe(403)
  })
})
