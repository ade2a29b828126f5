import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync, crc32 } from 'node:zlib'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorOf, type AppDeps, type AppEnv, type Ctx } from '../../src/app-env.ts'
import { loadSession } from '../../src/auth/middleware.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { requestBodyLimit } from '../../src/files/body-limit.ts'
import { fileRoute } from '../../src/files/download.ts'
import { findFile, readStoredFile } from '../../src/files/files.queries.ts'
import { contentPath, storeUpload, sweepTemp, UploadRefused } from '../../src/files/storage.ts'
import { createLogger } from '../../src/system/logger.ts'
import { requestContext } from '../../src/system/request-context.ts'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'

function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' })
    const parts: Buffer[] = []
    doc.on('data', (b: Buffer) => parts.push(b)).on('end', () => resolve(Buffer.concat(parts)))
    doc.font(FONT).text(text)
    doc.end()
  })
}

// A 2×2 RGB PNG of one colour, built by hand: signature, IHDR, IDAT, IEND.
function makePng(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(2, 0)
  ihdr.writeUInt32BE(2, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  const row = Buffer.from([0, r, g, b, r, g, b]) // filter byte + two pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const ELF = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.alloc(120)])
const MZ = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(120)])
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

// Content files under the upload dir (temporary ones listed apart).
async function onDisk(dir: string) {
  const names = (await readdir(dir, { recursive: true })) as string[]
  const files: string[] = []
  for (const n of names) if ((await stat(join(dir, n))).isFile()) files.push(n)
  return {
    content: files.filter((n) => !n.startsWith('tmp')).sort(),
    temp: files.filter((n) => n.startsWith('tmp')),
  }
}

interface FakeRecord {
  ownerId: number
  fileId: number
}

// A feature in miniature: records with one attachment, visible to their owner only.
function recordApp(deps: AppDeps, records: Map<number, FakeRecord>) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('deps', deps)
    c.set('db', deps.db)
    await next()
  })
  app.use(requestContext())
  app.use(loadSession())
  app.use(requestBodyLimit(deps.config, (c) => c.text('Слишком большой запрос', 413)))
  app.post('/records', async (c) => {
    const user = c.get('user')
    if (!user) return c.text('Войдите', 401)
    const body = await c.req.parseBody()
    try {
      const file = await storeUpload(c.get('db'), actorOf(c), deps.config, body.file, {
        allowed: ['pdf', 'image'],
      })
      const id = records.size + 1
      records.set(id, { ownerId: user.id, fileId: file.id })
      return c.json({ id, fileId: file.id }, 201)
    } catch (err) {
      if (err instanceof UploadRefused) return c.text(err.message, 422)
      throw err
    }
  })
  const find = async (c: Ctx) => {
    const r = records.get(Number(c.req.param('id')))
    return r && r.ownerId === c.get('user')?.id ? { fileId: r.fileId } : null
  }
  app.get('/records/:id/file', fileRoute({ find }))
  app.get('/records/:id/view', fileRoute({ find, inline: true }))
  app.onError((err, c) =>
    err instanceof HTTPException ? c.text('Не найдено', err.status) : c.text(err.message, 500),
  )
  return app
}

describe.each(DIALECTS)('file storage on %s', (dialect) => {
  let t: TestApp
  let dir: string
  let config: Config
  let app: Hono<AppEnv>
  let owner: { id: number; cookie: string }
  let stranger: { id: number; cookie: string }
  let pdf: Buffer
  const records = new Map<number, FakeRecord>()

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strod-files-'))
    const env = { UPLOAD_DIR: dir, UPLOAD_MAX_MB: '0.05' } // 51 200 bytes
    t = await testApp(dialect, env)
    config = loadConfig({ LOG_LEVEL: 'silent', ...env })
    const deps = { db: t.db.db, dialect, config, logger: createLogger('silent'), live: t.live }
    app = recordApp(deps, records)
    owner = await t.signIn('pto_engineer')
    stranger = await t.signIn('pto_engineer')
    pdf = await makePdf('Акт освидетельствования скрытых работ № 1')
  })
  afterAll(async () => {
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  const upload = (cookie: string | undefined, bytes: Uint8Array, name: string) => {
    const form = new FormData()
    // The declared type is a lie on purpose: only the content counts.
    form.append('file', new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
    return app.request('/records', {
      method: 'POST',
      body: form,
      headers: cookie ? { cookie } : {},
    })
  }
  const download = (id: number, cookie?: string) =>
    app.request(`/records/${id}/file`, { headers: cookie ? { cookie } : {} })
  const rowCount = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('a PDF and a PNG come back byte for byte, with their detected types and safe headers', async () => {
    const r = await upload(owner.cookie, pdf, 'Акт скрытых работ (1).pdf')
    expect(r.status).toBe(201)
    const { id, fileId } = await r.json()
    const got = await download(id, owner.cookie)
    expect(got.status).toBe(200)
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true)
    expect(got.headers.get('content-type')).toBe('application/pdf')
    expect(got.headers.get('content-length')).toBe(String(pdf.length))
    expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(got.headers.get('cache-control')).toContain('private')
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="___ _______ _____ (1).pdf"; filename*=UTF-8''` +
        `${encodeURIComponent('Акт скрытых работ')}%20%281%29.pdf`,
    )
    const png = makePng(200, 30, 30)
    const p = await upload(owner.cookie, png, 'фото разметки.png')
    const back = await download((await p.json()).id, owner.cookie)
    expect(back.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true)

    const row = await findFile(t.db.db, fileId)
    expect(row).toMatchObject({ sha256: sha(pdf), size: pdf.length, created_by: owner.id })
    expect((await readStoredFile(dir, row!)).equals(pdf)).toBe(true)
    const entry = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('entity_type', '=', 'file')
      .where('entity_id', '=', String(fileId))
      .executeTakeFirstOrThrow()
    expect(entry).toEqual({ action: 'file.upload', user_id: owner.id })
  })

  it('a file over UPLOAD_MAX_MB is refused in Russian, leaving nothing on disk and no row', async () => {
    const before = { rows: await rowCount(), disk: await onDisk(dir) }
    const big = Buffer.concat([pdf, Buffer.alloc(60 * 1024, 0x20)])
    const r = await upload(owner.cookie, big, 'большой акт.pdf')
    expect(r.status).toBe(422)
    expect(await r.text()).toBe('Файл больше 0,05 МБ')
    expect(await rowCount()).toBe(before.rows)
    expect(await onDisk(dir)).toEqual(before.disk)
  })

  it('an image or a PDF may be shown inline; the image stays sandboxed', async () => {
    const png = await (await upload(owner.cookie, makePng(0, 90, 0), 'схема.png')).json()
    const shown = await app.request(`/records/${png.id}/view`, {
      headers: { cookie: owner.cookie },
    })
    expect(shown.headers.get('content-disposition')).toMatch(/^inline; /)
    expect(shown.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    // Chrome's and Safari's PDF viewers render nothing under a CSP sandbox
    const doc = await (await upload(owner.cookie, pdf, 'акт.pdf')).json()
    const viewed = await app.request(`/records/${doc.id}/view`, {
      headers: { cookie: owner.cookie },
    })
    expect(viewed.headers.get('content-disposition')).toMatch(/^inline; /)
    expect(viewed.headers.get('content-type')).toBe('application/pdf')
    expect(viewed.headers.get('x-content-type-options')).toBe('nosniff')
    expect(viewed.headers.get('content-security-policy')).toBeNull()
    const refused = await app.request(`/records/${doc.id}/view`, {
      headers: { cookie: stranger.cookie },
    })
    expect(refused.status).toBe(404)
  })

  it('a «.pdf» that is really an executable is refused by its content', async () => {
    const before = { rows: await rowCount(), disk: await onDisk(dir) }
    for (const exe of [ELF, MZ]) {
      const r = await upload(owner.cookie, exe, 'акт.pdf')
      expect(r.status).toBe(422)
      expect(await r.text()).toBe('Тип файла не подходит: ожидается PDF, JPEG, PNG, WebP, HEIC')
    }
    const empty = await upload(owner.cookie, new Uint8Array(0), 'пустой.pdf')
    expect(await empty.text()).toBe('Пустой файл')
    expect(await rowCount()).toBe(before.rows)
    expect(await onDisk(dir)).toEqual(before.disk)
  })

  it('path tricks in a name are dropped: the row and the download carry the clean name', async () => {
    const cases = [
      ['../../etc/passwd', 'passwd.pdf'],
      ['C:\\x\\y.pdf', 'y.pdf'],
      ['..\\..\\Исполнительная схема.pdf', 'Исполнительная схема.pdf'],
    ]
    for (const [given, clean] of cases) {
      const { id, fileId } = await (await upload(owner.cookie, pdf, given)).json()
      expect((await findFile(t.db.db, fileId))?.original_name).toBe(clean)
      const disposition = (await download(id, owner.cookie)).headers.get('content-disposition')
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(clean)}`)
      expect(disposition).not.toMatch(/[\\/]/)
    }
  })

  it('a download the record check refuses is a 404, like one of a missing record', async () => {
    const { id } = await (await upload(owner.cookie, pdf, 'чужой акт.pdf')).json()
    expect((await download(id, owner.cookie)).status).toBe(200)
    for (const r of [
      await download(id, stranger.cookie),
      await download(id),
      await download(9999, owner.cookie),
    ]) {
      expect(r.status).toBe(404)
      expect(r.headers.get('content-disposition')).toBeNull()
    }
    expect((await upload(undefined, pdf, 'аноним.pdf')).status).toBe(401)
  })

  it('the same content uploaded twice is one file on disk and two rows with their own names', async () => {
    const png = makePng(10, 120, 240)
    const before = await onDisk(dir)
    const a = await (await upload(owner.cookie, png, 'до.png')).json()
    const b = await (await upload(stranger.cookie, png, 'после.png')).json()
    expect(a.fileId).not.toBe(b.fileId)
    const after = await onDisk(dir)
    expect(after.content).toEqual([...before.content, join(sha(png).slice(0, 2), sha(png))].sort())
    const rows = await t.db.db
      .selectFrom('files')
      .select(['original_name', 'created_by'])
      .where('sha256', '=', sha(png))
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { original_name: 'до.png', created_by: owner.id },
      { original_name: 'после.png', created_by: stranger.id },
    ])
    expect(Buffer.from(await (await download(b.id, stranger.cookie)).arrayBuffer())).toEqual(png)
  })

  it('a failed rename leaves no file at the final path and no temporary file', async () => {
    const png = makePng(1, 2, 3)
    const target = contentPath(dir, sha(png))
    await mkdir(target, { recursive: true }) // a directory in the way: rename() fails
    const actor = { userId: owner.id, ip: null, requestId: null }
    const file = new File([new Uint8Array(png)], 'сбой.png')
    await expect(storeUpload(t.db.db, actor, config, file, { allowed: ['image'] })).rejects.toThrow(
      /EISDIR|EEXIST|ENOTEMPTY/,
    )
    expect((await stat(target)).isDirectory()).toBe(true)
    expect((await onDisk(dir)).temp).toEqual([])
    expect(
      await t.db.db.selectFrom('files').select('id').where('sha256', '=', sha(png)).execute(),
    ).toEqual([])

    await rm(target, { recursive: true })
    const row = await storeUpload(t.db.db, actor, config, file, { allowed: ['image'] })
    expect((await readStoredFile(dir, row)).equals(png)).toBe(true)
  })

  it('a stream cut mid-way, or longer than it declared, leaves no temporary file and no row', async () => {
    const before = { rows: await rowCount(), disk: await onDisk(dir) }
    const actor = { userId: owner.id, ip: null, requestId: null }
    class CutFile extends File {
      override stream() {
        let sent = false
        return new ReadableStream<Uint8Array<ArrayBuffer>>({
          pull(ctrl) {
            if (sent) return ctrl.error(new Error('connection reset'))
            sent = true
            ctrl.enqueue(new Uint8Array(pdf.subarray(0, 1000)))
          },
        })
      }
    }
    const cut = new CutFile([new Uint8Array(pdf)], 'обрыв.pdf')
    await expect(storeUpload(t.db.db, actor, config, cut, { allowed: ['pdf'] })).rejects.toThrow(
      'connection reset',
    )
    class LyingFile extends File {
      override get size() {
        return 10
      }
    }
    const lying = new LyingFile([new Uint8Array(pdf), new Uint8Array(60 * 1024)], 'мал.pdf')
    await expect(storeUpload(t.db.db, actor, config, lying, { allowed: ['pdf'] })).rejects.toThrow(
      new UploadRefused('Файл больше 0,05 МБ'),
    )
    expect(await rowCount()).toBe(before.rows)
    expect(await onDisk(dir)).toEqual(before.disk)
  })

  it('a sweep at boot removes temporary files left by a dead process, not fresh ones', async () => {
    const old = join(dir, 'tmp', 'dead.part')
    const fresh = join(dir, 'tmp', 'writing.part')
    await writeFile(old, 'half')
    await writeFile(fresh, 'half')
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000)
    await utimes(old, twoDaysAgo, twoDaysAgo)
    await sweepTemp(dir)
    expect((await onDisk(dir)).temp).toEqual([join('tmp', 'writing.part')])
    await rm(fresh)
  })

  it('the body limit gives multipart the upload size only with a session', async () => {
    const over = Buffer.concat([pdf, Buffer.alloc(60 * 1024)]) // over the file limit, under +64 KB
    expect(await (await upload(owner.cookie, over, 'акт.pdf')).text()).toBe('Файл больше 0,05 МБ')
    const huge = Buffer.alloc(200 * 1024) // over UPLOAD_MAX_MB + 64 KB, under the 1 MB for forms
    expect((await upload(owner.cookie, huge, 'акт.pdf')).status).toBe(413)
    const anonymous = await app.request('/records', {
      method: 'POST',
      body: (() => {
        const f = new FormData()
        f.append('file', new File([Buffer.alloc(1100 * 1024)], 'акт.pdf'))
        return f
      })(),
    })
    expect(anonymous.status).toBe(413)
    const form = await app.request('/records', {
      method: 'POST',
      body: new URLSearchParams({ note: 'x'.repeat(200 * 1024) }),
      headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(await form.text()).toBe('Выберите файл')
  })
})
