import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ORIGIN, testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { setRolePermission } from '../../src/auth/permissions.ts'
import { loadConfig } from '../../src/config.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { registerJobHandlers } from '../../src/jobs/handlers.ts'
import { Worker } from '../../src/jobs/worker.ts'
import { formatDate } from '../../src/lib/format.ts'
import { ReportButtons } from '../../views/remarks/ReportButtons.tsx'

const uploadDir = mkdtempSync(join(tmpdir(), 'strod-remark-reports-'))
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }))

// A photo as a phone would send it: larger than the thumbnail, so the PDF shows which it embeds.
const jpeg = (background: string) =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background } })
    .jpeg()
    .toBuffer()

const pdfText = (bytes: Buffer) => {
  const file = join(uploadDir, `report-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}
// Image XObjects: their dictionaries stay uncompressed in pdfkit's output.
const imageCount = (bytes: Buffer) => bytes.toString('latin1').split('/Subtype /Image').length - 1
// Width × height of each embedded image, from poppler.
const imageSizes = (bytes: Buffer) => {
  const file = join(uploadDir, `images-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/)
      return `${cols[3]}x${cols[4]}`
    })
}

describe.each(DIALECTS)('remark reports on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  let inspector: { id: number; cookie: string }
  let foreman: { id: number; cookie: string }
  let projectId: number
  const numbers: Record<'overdue' | 'critical' | 'closed' | 'rejected', string> = {
    overdue: '',
    critical: '',
    closed: '',
    rejected: '',
  }

  const idOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())
  const multipart = (path: string, fields: Record<string, string | File>, cookie: string) => {
    const fd = new FormData()
    for (const [k, v] of Object.entries(fields)) fd.append(k, v)
    return t.app.request(path, {
      method: 'POST',
      body: fd,
      headers: { origin: ORIGIN, cookie },
    })
  }
  const photoFile = async (background: string, name: string) =>
    new File([new Uint8Array(await jpeg(background))], name, { type: 'image/jpeg' })
  const register = async (fields: Record<string, string>, photo?: File) => {
    const r = await multipart(
      `/projects/${projectId}/remarks`,
      {
        priority: 'normal',
        assignee_id: String(foreman.id),
        ...fields,
        ...(photo ? { photo } : {}),
      },
      inspector.cookie,
    )
    expect(r.status).toBe(303)
    const id = idOf(r)
    const row = await t.db.db
      .selectFrom('remarks')
      .select('number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return { id, number: row.number }
  }
  const move = async (id: number, to: string, cookie: string, comment = '') =>
    expect((await t.post(`/remarks/${id}/status`, { to, comment }, cookie)).status).toBe(303)

  const report = (kind: string, filters: Record<string, string>, cookie?: string) =>
    t.post(`/projects/${projectId}/remarks/report/${kind}`, filters, cookie)
  const enqueued = async (kind: string, filters: Record<string, string>, cookie: string) => {
    const r = await report(kind, filters, cookie)
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toMatch(/^\/jobs\/\d+$/)
    return idOf(r)
  }
  // The worker, as the server runs it, until every one of these jobs has finished.
  const runJobs = async (ids: number[]) => {
    const w = registerJobHandlers(new Worker({ db: t.db.db, live: t.live, pollMs: 50 }), {
      config: loadConfig({ UPLOAD_DIR: uploadDir }),
    }).start()
    try {
      await expect
        .poll(
          async () => {
            const rows = await t.db.db
              .selectFrom('jobs')
              .select('state')
              .where('id', 'in', ids)
              .execute()
            return rows.every((r) => r.state === 'done' || r.state === 'failed')
          },
          { timeout: 20000, interval: 100 },
        )
        .toBe(true)
    } finally {
      await w.stop()
    }
  }
  const download = async (jobId: number, cookie: string) => {
    const r = await t.get(`/jobs/${jobId}/download`, cookie)
    expect(r.status).toBe(200)
    return { type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) }
  }

  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    // As src/projects/projects.routes.tsx mounts it (before the app answers its first request).
    admin = await t.signIn('admin')
    inspector = await t.signIn('inspector')
    foreman = await t.signIn('foreman')
    projectId = await makeProject(t, admin.cookie, {
      code: 'ПРД',
      name: 'Разметка автодороги А-108 «МБК»',
      contract_number: '0148200005426000123',
    })
    for (const u of [inspector, foreman]) await addMember(t, admin.cookie, projectId, u.id)

    const overdue = await register(
      {
        title: 'Ширина линии меньше нормы',
        location: 'км 12+350',
        priority: 'high',
        deadline: '2020-01-01',
        description: 'Линия 1.1 шириной 0,12 м вместо 0,15 м',
      },
      await photoFile('#c00', 'до.jpg'),
    )
    const critical = await register({
      title: 'Шелушение термопластика',
      location: 'ПК 45',
      priority: 'critical',
      deadline: '2099-12-31',
    })
    const closed = await register(
      { title: 'Пропущен участок осевой', location: 'км 14' },
      await photoFile('#00c', 'до-ось.jpg'),
    )
    await move(closed.id, 'in_progress', foreman.cookie)
    const after = await multipart(
      `/remarks/${closed.id}/photos`,
      { phase: 'after', photo: await photoFile('#0c0', 'после-ось.jpg') },
      foreman.cookie,
    )
    expect(after.status).toBe(303)
    await move(closed.id, 'fixed', foreman.cookie)
    await move(closed.id, 'verified', inspector.cookie)
    await move(closed.id, 'closed', inspector.cookie)
    const rejected = await register({ title: 'Дубль замечания' })
    await move(rejected.id, 'rejected', inspector.cookie, 'Уже зарегистрировано')
    Object.assign(numbers, {
      overdue: overdue.number,
      critical: critical.number,
      closed: closed.number,
      rejected: rejected.number,
    })
  })
  afterAll(() => t.close())

  it('makes the «Предписание» of the open remarks with their «до» thumbnails, in Cyrillic', async () => {
    const all = await enqueued('prescription', {}, inspector.cookie)
    const critical = await enqueued('prescription', { priority: 'critical' }, inspector.cookie)
    // A closed-only filter is no prescription: it falls back to all the open remarks.
    const closedFilter = await enqueued('prescription', { status: 'closed' }, inspector.cookie)
    await runJobs([all, critical, closedFilter])

    const page = await (await t.get(`/jobs/${all}`, inspector.cookie)).text()
    expect(page).toContain('Предписание строительного контроля (PDF)')
    expect(page).toContain('Замечаний в предписании: 2')
    const pdf = await download(all, inspector.cookie)
    expect(pdf.type).toBe('application/pdf')
    const text = pdfText(pdf.bytes)
    for (const s of [
      'Предписание строительного контроля',
      'Разметка автодороги А-108 «МБК»',
      'ПРД',
      '0148200005426000123',
      formatDate(moscowToday()),
      numbers.overdue,
      'Ширина линии меньше нормы',
      'км 12+350',
      'Высокий',
      '01.01.2020',
      'просрочено',
      'Линия 1.1 шириной 0,12 м вместо 0,15 м',
      numbers.critical,
      'Шелушение термопластика',
      'Критический',
      'Тестов foreman',
    ])
      expect(text).toContain(s)
    expect(text).not.toContain(numbers.closed)
    expect(text).not.toContain(numbers.rejected)
    // Registration order: the older remark first.
    expect(text.indexOf(numbers.overdue)).toBeLessThan(text.indexOf(numbers.critical))
    // The one «до» photo, embedded as its thumbnail (480 px on the long side), not the original.
    expect(imageCount(pdf.bytes)).toBe(1)
    expect(imageSizes(pdf.bytes)).toEqual(['480x360'])

    const only = await download(critical, inspector.cookie)
    const onlyText = pdfText(only.bytes)
    expect(onlyText).toContain(numbers.critical)
    expect(onlyText).not.toContain(numbers.overdue)
    expect(imageCount(only.bytes)).toBe(0)

    expect(pdfText((await download(closedFilter, inspector.cookie)).bytes)).toContain(
      numbers.overdue,
    )
  })

  it('makes the «Отчет об устранении» of the closed remarks with «до» and «после» side by side', async () => {
    const id = await enqueued('closure', {}, admin.cookie)
    await runJobs([id])
    const page = await (await t.get(`/jobs/${id}`, admin.cookie)).text()
    expect(page).toContain('Отчет об устранении замечаний (PDF)')
    expect(page).toContain('Замечаний в отчете: 1')
    const pdf = await download(id, admin.cookie)
    const text = pdfText(pdf.bytes)
    for (const s of [
      'Отчет об устранении замечаний строительного контроля',
      numbers.closed,
      'Пропущен участок осевой',
      'До устранения',
      'После устранения',
      `Закрыто: ${formatDate(moscowToday())}`,
    ])
      expect(text).toContain(s)
    for (const n of [numbers.overdue, numbers.critical, numbers.rejected])
      expect(text).not.toContain(n)
    expect(imageCount(pdf.bytes)).toBe(2)
    expect(imageSizes(pdf.bytes)).toEqual(['480x360', '480x360'])
  })

  it('exports the filtered list to XLSX with every column, readable back', async () => {
    const all = await enqueued('xlsx', {}, foreman.cookie)
    const open = await enqueued('xlsx', { status: 'open', q: 'ШИРИНА' }, foreman.cookie)
    await runJobs([all, open])
    expect(await (await t.get(`/jobs/${all}`, foreman.cookie)).text()).toContain(
      'Выгружено строк: 4',
    )
    const read = async (jobId: number) => {
      const file = await download(jobId, foreman.cookie)
      expect(file.type).toContain('spreadsheetml')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(file.bytes as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]
      expect(ws.name).toBe('Замечания')
      return (ws.getSheetValues().filter(Boolean) as unknown[][]).map((row) => row.slice(1))
    }
    const rows = await read(all)
    expect(rows[0]).toEqual([
      'Проект',
      'Номер',
      'Суть замечания',
      'Описание',
      'Место',
      'Приоритет',
      'Статус',
      'Исполнитель',
      'Срок устранения',
      'Зарегистрировано',
      'Закрыто',
      'Причина отклонения',
      'Просрочено',
    ])
    // As the list shows them: the newest first.
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      numbers.rejected,
      numbers.closed,
      numbers.critical,
      numbers.overdue,
    ])
    const byNumber = Object.fromEntries(rows.slice(1).map((r) => [r[1], r]))
    const overdue = byNumber[numbers.overdue]
    expect(overdue.slice(0, 9)).toEqual([
      'ПРД',
      numbers.overdue,
      'Ширина линии меньше нормы',
      'Линия 1.1 шириной 0,12 м вместо 0,15 м',
      'км 12+350',
      'Высокий',
      'Новое',
      expect.stringContaining('Тестов foreman'),
      '01.01.2020',
    ])
    expect(overdue[9]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/)
    expect(overdue[12]).toBe('да')
    expect(byNumber[numbers.critical][12] ?? '').toBe('')
    expect(byNumber[numbers.closed][6]).toBe('Закрыто')
    expect(byNumber[numbers.closed][10]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/)
    expect(byNumber[numbers.rejected][6]).toBe('Отклонено')
    expect(byNumber[numbers.rejected][11]).toBe('Уже зарегистрировано')

    const filtered = await read(open)
    expect(filtered.slice(1).map((r) => r[1])).toEqual([numbers.overdue])
  })

  it('refuses, with the same 404 as a missing project, anyone who may not read its remarks', async () => {
    const jobsBefore = await t.db.db.selectFrom('jobs').select('id').execute()
    const outsider = await t.signIn('foreman') // not a member
    for (const kind of ['prescription', 'closure', 'xlsx'])
      expect((await report(kind, {}, outsider.cookie)).status).toBe(404)
    // A member whose role has lost remarks.read.
    const storekeeper = await t.signIn('storekeeper')
    await addMember(t, admin.cookie, projectId, storekeeper.id)
    await setRolePermission(t.db.db, 'storekeeper', 'remarks.read', false)
    try {
      expect((await report('xlsx', {}, storekeeper.cookie)).status).toBe(404)
    } finally {
      await setRolePermission(t.db.db, 'storekeeper', 'remarks.read', true)
    }
    expect((await report('xlsx', {}, storekeeper.cookie)).status).toBe(303) // and back again
    // Unknown reports and projects.
    expect((await report('constructor', {}, admin.cookie)).status).toBe(404)
    expect((await t.post('/projects/999999/remarks/report/xlsx', {}, admin.cookie)).status).toBe(
      404,
    )
    // No session: to the login page.
    const anon = await report('prescription', {})
    expect(anon.status).toBe(303)
    expect(anon.headers.get('location')).toMatch(/^\/login/)
    const jobsAfter = await t.db.db.selectFrom('jobs').select('id').execute()
    expect(jobsAfter.length).toBe(jobsBefore.length + 1) // only the storekeeper's last one
  })

  it('checks access again when the job runs: a creator who lost it gets an explanation, no file', async () => {
    const chief = await t.signIn('site_chief')
    await addMember(t, admin.cookie, projectId, chief.id)
    const id = await enqueued('prescription', {}, chief.cookie)
    await setRolePermission(t.db.db, 'site_chief', 'remarks.read', false)
    try {
      await runJobs([id])
    } finally {
      await setRolePermission(t.db.db, 'site_chief', 'remarks.read', true)
    }
    const job = await t.db.db
      .selectFrom('jobs')
      .select(['state', 'error', 'result_file_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(job).toEqual({
      state: 'failed',
      error: 'Нет доступа к замечаниям этого проекта',
      result_file_id: null,
    })
  })
})

describe('report buttons', () => {
  it('post the current filters, without the page cursor, to each report', async () => {
    const html = String(
      await ReportButtons({
        projectId: 7,
        query: new URLSearchParams('status=open&q=линия&after=abc&project=9'),
      }).toString(),
    )
    for (const kind of ['prescription', 'closure', 'xlsx'])
      expect(html).toContain(`action="/projects/7/remarks/report/${kind}"`)
    for (const label of ['Предписание (PDF)', 'Отчет об устранении (PDF)', 'Выгрузить в Excel'])
      expect(html).toContain(label)
    expect(html.match(/<form method="post"/g)).toHaveLength(3)
    expect(html).toContain('name="status" value="open"')
    expect(html).toContain('name="q" value="линия"')
    expect(html).not.toContain('name="after"')
    expect(html).not.toContain('name="project"')
  })
})
