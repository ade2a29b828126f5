import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorOf, type AppDeps, type AppEnv, type Ctx } from '../../src/app-env.ts'
import { loadSession } from '../../src/auth/middleware.ts'
import { loadConfig } from '../../src/config.ts'
import { requestBodyLimit } from '../../src/files/body-limit.ts'
import { fileRoute } from '../../src/files/download.ts'
import { findFile, readStoredFile } from '../../src/files/files.queries.ts'
import { photoDimensions, storePhoto } from '../../src/files/images.ts'
import { UploadRefused } from '../../src/files/storage.ts'
import { createLogger } from '../../src/system/logger.ts'
import { requestContext } from '../../src/system/request-context.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { DIALECTS } from '../support/db.ts'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

// A camera's portrait shot: landscape pixels (left half red, right half blue) and EXIF
// orientation 6, «turn 90° clockwise to view».
async function cameraJpeg(width: number, height: number, orientation = 6) {
  const left = await sharp({
    create: { width: width / 2, height, channels: 3, background: '#ff0000' },
  })
    .png()
    .toBuffer()
  return sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation })
    .toBuffer()
}

async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
  return {
    width: info.width,
    height: info.height,
    at: (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels
      return [data[i], data[i + 1], data[i + 2]]
    },
  }
}
const near = (got: number[], want: number[]) =>
  expect(
    got.every((v, i) => Math.abs(v - want[i]) <= 12),
    `${got} ≈ ${want}`,
  ).toBe(true)

// A PNG whose header claims width×height, with one row of data: tiny on the wire, gigapixels
// once decoded.
function claimedPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// The start of an iPhone photo: an ISO-BMFF box of brand «heic», which file-type takes as
// image/heic; this libvips has no HEVC decoder, so no real HEIC would decode either.
const HEIC = Buffer.concat([
  Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'),
  Buffer.alloc(400, 7),
])
const PDF = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n',
  'latin1',
)
const ELF = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.alloc(120)])
const MZ = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(120)])
const BROKEN_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'.padEnd(2000, 'мусор'), 'utf8'),
])

interface Photo {
  ownerId: number
  fileId: number
  thumbId: number | null
}

// A feature in miniature: photos visible to their owner, the original and its thumbnail.
function photoApp(deps: AppDeps, photos: Map<number, Photo>) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('deps', deps)
    c.set('db', deps.db)
    await next()
  })
  app.use(requestContext())
  app.use(loadSession())
  app.use(requestBodyLimit(deps.config, (c) => c.text('Слишком большой запрос', 413)))
  app.post('/photos', async (c) => {
    const user = c.get('user')
    if (!user) return c.text('Войдите', 401)
    const body = await c.req.parseBody()
    try {
      const { original, thumb } = await storePhoto(c.get('db'), actorOf(c), deps.config, body.photo)
      const id = photos.size + 1
      photos.set(id, { ownerId: user.id, fileId: original.id, thumbId: thumb?.id ?? null })
      return c.json({ id, fileId: original.id, thumbId: thumb?.id ?? null }, 201)
    } catch (err) {
      if (err instanceof UploadRefused) return c.text(err.message, 422)
      throw err
    }
  })
  const mine = (c: Ctx) => {
    const p = photos.get(Number(c.req.param('id')))
    return p && p.ownerId === c.get('user')?.id ? p : null
  }
  app.get('/photos/:id/original', fileRoute({ find: async (c) => mine(c), inline: true }))
  app.get(
    '/photos/:id/thumb',
    fileRoute({
      find: async (c) => {
        const p = mine(c)
        return p?.thumbId ? { fileId: p.thumbId } : null
      },
      inline: true,
    }),
  )
  app.onError((err, c) =>
    err instanceof HTTPException ? c.text('Не найдено', err.status) : c.text(err.message, 500),
  )
  return app
}

// Content files under the upload dir, temporary ones apart.
async function onDisk(dir: string) {
  const names = (await readdir(dir, { recursive: true })) as string[]
  const files: string[] = []
  for (const n of names) if ((await stat(join(dir, n))).isFile()) files.push(n)
  return {
    content: files.filter((n) => !n.startsWith('tmp')).sort(),
    temp: files.filter((n) => n.startsWith('tmp')),
  }
}

describe.each(DIALECTS)('photos on %s', (dialect) => {
  let t: TestApp
  let dir: string
  let app: Hono<AppEnv>
  let owner: { id: number; cookie: string }
  let stranger: { id: number; cookie: string }
  const photos = new Map<number, Photo>()

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strod-images-'))
    const env = { UPLOAD_DIR: dir, UPLOAD_MAX_MB: '0.05' } // 51 200 bytes
    t = await testApp(dialect, env)
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
    const deps = { db: t.db.db, dialect, config, logger: createLogger('silent'), live: t.live }
    app = photoApp(deps, photos)
    owner = await t.signIn('pto_engineer')
    stranger = await t.signIn('pto_engineer')
  })
  afterAll(async () => {
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  const upload = (cookie: string | undefined, bytes: Uint8Array | null, name: string) => {
    const form = new FormData()
    // The declared type is a lie on purpose: only the content counts.
    if (bytes) form.append('photo', new File([new Uint8Array(bytes)], name, { type: 'image/png' }))
    else form.append('note', 'без фото')
    return app.request('/photos', {
      method: 'POST',
      body: form,
      headers: cookie ? { cookie } : {},
    })
  }
  const get = async (path: string, cookie = owner.cookie) => {
    const r = await app.request(path, { headers: { cookie } })
    return { r, bytes: Buffer.from(await r.arrayBuffer()) }
  }
  const rowCount = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const state = async () => ({ rows: await rowCount(), disk: await onDisk(dir) })

  it('a portrait photo with EXIF orientation gets an upright thumbnail; the original stays byte for byte', async () => {
    const jpg = await cameraJpeg(1200, 600)
    expect(jpg.length).toBeLessThan(50 * 1024)
    const r = await upload(owner.cookie, jpg, 'IMG_0001.JPG')
    expect(r.status).toBe(201)
    const { id, fileId, thumbId } = await r.json()
    expect(thumbId).toEqual(expect.any(Number))

    const original = await get(`/photos/${id}/original`)
    expect(original.r.status).toBe(200)
    expect(original.bytes.equals(jpg)).toBe(true)
    expect(original.r.headers.get('content-type')).toBe('image/jpeg')
    expect((await sharp(original.bytes).metadata()).orientation).toBe(6) // untouched

    const thumb = await get(`/photos/${id}/thumb`)
    expect(thumb.r.status).toBe(200)
    expect(thumb.r.headers.get('content-type')).toBe('image/jpeg')
    expect(thumb.r.headers.get('x-content-type-options')).toBe('nosniff')
    expect(thumb.r.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(thumb.r.headers.get('content-disposition')).toBe(
      `inline; filename="IMG_0001.jpg.thumb.jpg"; filename*=UTF-8''IMG_0001.jpg.thumb.jpg`,
    )
    const p = await pixels(thumb.bytes)
    expect([p.width, p.height]).toEqual([240, 480]) // portrait, 480 on the long side
    near(p.at(120, 40), [255, 0, 0]) // a 90° clockwise turn puts the raw left side on top
    near(p.at(120, 440), [0, 0, 255])

    const orig = await findFile(t.db.db, fileId)
    const th = await findFile(t.db.db, thumbId)
    expect(orig).toMatchObject({
      sha256: sha(jpg),
      size: jpg.length,
      mime: 'image/jpeg',
      original_name: 'IMG_0001.jpg', // cleanName: the detected extension, in lower case
      created_by: owner.id,
    })
    expect(th).toMatchObject({
      sha256: sha(thumb.bytes),
      size: thumb.bytes.length,
      mime: 'image/jpeg',
      original_name: 'IMG_0001.jpg.thumb.jpg',
      created_by: owner.id,
    })
    expect((await readStoredFile(dir, orig!)).equals(jpg)).toBe(true)
    expect(await onDisk(dir)).toMatchObject({
      content: expect.arrayContaining([
        join(sha(jpg).slice(0, 2), sha(jpg)),
        join(th!.sha256.slice(0, 2), th!.sha256),
      ]),
      temp: [],
    })
    expect(await photoDimensions(dir, orig!)).toEqual({ width: 600, height: 1200 })
    expect(await photoDimensions(dir, th!)).toEqual({ width: 240, height: 480 })

    const audited = await t.db.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'user_id'])
      .where('entity_type', '=', 'file')
      .where('entity_id', 'in', [String(fileId), String(thumbId)])
      .orderBy('id')
      .execute()
    expect(audited).toEqual([
      { entity_id: String(fileId), action: 'file.upload', user_id: owner.id },
      { entity_id: String(thumbId), action: 'file.upload', user_id: owner.id },
    ])
    expect((await get(`/photos/${id}/thumb`, stranger.cookie)).r.status).toBe(404)
  })

  it('a PNG works: original kept, thumbnail a JPEG with transparency on white', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([
        {
          input: { create: { width: 100, height: 100, channels: 4, background: '#00a000' } },
          left: 0,
          top: 0,
        },
      ])
      .png()
      .toBuffer()
    const r = await upload(owner.cookie, png, 'схема.png')
    expect(r.status).toBe(201)
    const { id, fileId, thumbId } = await r.json()
    expect((await get(`/photos/${id}/original`)).bytes.equals(png)).toBe(true)
    expect((await findFile(t.db.db, fileId))?.mime).toBe('image/png')
    const thumb = await get(`/photos/${id}/thumb`)
    expect(thumb.r.headers.get('content-type')).toBe('image/jpeg')
    const p = await pixels(thumb.bytes)
    expect([p.width, p.height]).toEqual([300, 200]) // small already: not enlarged
    near(p.at(50, 50), [0, 160, 0])
    near(p.at(250, 150), [255, 255, 255])
    expect((await findFile(t.db.db, thumbId))?.original_name).toBe('схема.png.thumb.jpg')
  })

  it('a PDF or an executable is refused in Russian, and nothing is stored', async () => {
    const before = await state()
    for (const [bytes, name] of [
      [PDF, 'фото.jpg'],
      [ELF, 'фото.jpg'],
      [MZ, 'IMG_0002.JPG'],
    ] as const) {
      const r = await upload(owner.cookie, bytes, name)
      expect(r.status).toBe(422)
      expect(await r.text()).toBe('Тип файла не подходит: ожидается JPEG, PNG, WebP, HEIC')
    }
    expect(await state()).toEqual(before)
  })

  it('a JPEG that does not decode is refused, not stored without a thumbnail', async () => {
    const before = await state()
    const jpg = await cameraJpeg(400, 200)
    for (const broken of [BROKEN_JPEG, jpg.subarray(0, jpg.length - 60)]) {
      const r = await upload(owner.cookie, broken, 'фото.jpg')
      expect(r.status).toBe(422)
      expect(await r.text()).toBe('Не удалось прочитать изображение')
    }
    expect(await state()).toEqual(before)
  })

  it('an image claiming more pixels than the limit is refused before it is decoded', async () => {
    const before = await state()
    const bomb = claimedPng(20_000, 20_000) // 400 MP in a few hundred bytes
    expect(bomb.length).toBeLessThan(1024)
    const r = await upload(owner.cookie, bomb, 'план.png')
    expect(r.status).toBe(422)
    expect(await r.text()).toBe('Слишком большое изображение: больше 268 мегапикселей')
    expect(await state()).toEqual(before)
  })

  it('a HEIC this server cannot decode is kept as it is, without a thumbnail', async () => {
    const r = await upload(owner.cookie, HEIC, 'IMG_0003.HEIC')
    expect(r.status).toBe(201)
    const { id, fileId, thumbId } = await r.json()
    expect(thumbId).toBeNull()
    const row = await findFile(t.db.db, fileId)
    expect(row).toMatchObject({ mime: 'image/heic', original_name: 'IMG_0003.heic' })
    expect((await get(`/photos/${id}/original`)).bytes.equals(HEIC)).toBe(true)
    expect((await get(`/photos/${id}/thumb`)).r.status).toBe(404)
    expect(await photoDimensions(dir, row!)).toBeNull()
  })

  it('storeUpload refusals still apply: no file, an empty one, one over UPLOAD_MAX_MB', async () => {
    const before = await state()
    const big = Buffer.concat([await cameraJpeg(400, 200), Buffer.alloc(55 * 1024)]) // after EOI
    const cases = [
      [null, 'Выберите файл'],
      [new Uint8Array(0), 'Пустой файл'],
      [big, 'Файл больше 0,05 МБ'],
    ] as const
    for (const [bytes, message] of cases) {
      const r = await upload(owner.cookie, bytes, 'фото.jpg')
      expect(await r.text()).toBe(message)
      expect(r.status).toBe(422)
    }
    expect((await upload(undefined, await cameraJpeg(40, 20), 'фото.jpg')).status).toBe(401)
    expect(await state()).toEqual(before)
  })

  it('the same photo twice is two rows each, one original and one thumbnail on disk', async () => {
    const jpg = await cameraJpeg(800, 400, 8)
    const before = await onDisk(dir)
    const a = await (await upload(owner.cookie, jpg, 'до.jpg')).json()
    const b = await (await upload(stranger.cookie, jpg, 'после.jpg')).json()
    const thumbs = await t.db.db
      .selectFrom('files')
      .select(['sha256', 'original_name', 'created_by'])
      .where('id', 'in', [a.thumbId, b.thumbId])
      .orderBy('id')
      .execute()
    expect(thumbs.map((r) => [r.original_name, r.created_by])).toEqual([
      ['до.jpg.thumb.jpg', owner.id],
      ['после.jpg.thumb.jpg', stranger.id],
    ])
    expect(thumbs[0].sha256).toBe(thumbs[1].sha256)
    const added = (await onDisk(dir)).content.filter((n) => !before.content.includes(n))
    expect(added.sort()).toEqual(
      [
        join(sha(jpg).slice(0, 2), sha(jpg)),
        join(thumbs[0].sha256.slice(0, 2), thumbs[0].sha256),
      ].sort(),
    )
    const p = await pixels((await get(`/photos/${b.id}/thumb`, stranger.cookie)).bytes)
    expect([p.width, p.height]).toEqual([240, 480])
    near(p.at(120, 40), [0, 0, 255]) // orientation 8 turns the other way: blue on top
  })
})
