import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ORIGIN, testApp, type TestApp } from '../support/app.ts'
import { runJobUntilDone } from '../support/jobs.ts'

const LEGACY = join(import.meta.dirname, '../fixtures/legacy')
const uploadDir = mkdtempSync(join(tmpdir(), 'strod-legacy-admin-'))

describe.each(DIALECTS)('legacy import from the admin page on %s', (dialect) => {
  let t: TestApp
  let admin: { id: number; cookie: string }
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    admin = await t.signIn('admin')
  })
  afterAll(() => t.close())

  const upload = (
    files: Record<string, [Buffer, string]>,
    extra: Record<string, string> = {},
    cookie = admin.cookie,
  ) => {
    const fd = new FormData()
    for (const [field, [bytes, name]] of Object.entries(files))
      fd.append(field, new File([new Uint8Array(bytes)], name))
    for (const [k, v] of Object.entries(extra)) fd.append(k, v)
    return t.app.request('/admin/import', {
      method: 'POST',
      body: fd,
      headers: { origin: ORIGIN, cookie },
    })
  }
  const main = () => readFileSync(join(LEGACY, 'strod_service_tech.db'))
  const pto = () => readFileSync(join(LEGACY, 'pto_docs.db'))
  const count = async (table: 'remarks' | 'documents' | 'projects') =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('a dry run from uploaded files reports and writes nothing; the real run imports, linked to its job', async () => {
    const before = await count('remarks')
    const dry = await upload(
      { main: [main(), 'strod_service_tech.db'], pto: [pto(), 'pto_docs.db'] },
      { dry_run: '1' },
    )
    expect(dry.status).toBe(303)
    const dryJob = Number(dry.headers.get('location')!.split('/').pop())
    await runJobUntilDone(t, dryJob, uploadDir)
    expect(await count('remarks')).toBe(before)
    const real = await upload({
      main: [main(), 'strod_service_tech.db'],
      pto: [pto(), 'pto_docs.db'],
    })
    const job = Number(real.headers.get('location')!.split('/').pop())
    await runJobUntilDone(t, job, uploadDir)
    expect(await count('remarks')).toBe(before + 1)
    const runs = await t.db.db.selectFrom('legacy_imports').selectAll().orderBy('id').execute()
    expect(runs.map((r) => [r.dry_run, r.job_id])).toEqual([
      [1, dryJob],
      [0, job],
    ])
    const list = await (await t.get('/admin/import', admin.cookie)).text()
    expect(list).toContain(`/admin/import/${runs[1].id}`)
    const report = await (await t.get(`/admin/import/${runs[1].id}`, admin.cookie)).text()
    expect(report).toContain('construction_remarks')
    expect(report).toContain('Импортировано')
  })

  it('refuses a file that is not a database with the reason, and anyone but the administrator', async () => {
    const bad = await upload({
      main: [Buffer.from('не база данных, а текст'), 'strod_service_tech.db'],
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Тип файла не подходит')
    const director = await t.signIn('director')
    expect((await t.get('/admin/import', director.cookie)).status).toBe(403)
    expect((await upload({ main: [main(), 'x.db'] }, {}, director.cookie)).status).toBe(403)
    const anon = await t.get('/admin/import')
    expect([302, 303]).toContain(anon.status)
    expect((await t.get('/admin/import/999999', admin.cookie)).status).toBe(404)
  })
})
