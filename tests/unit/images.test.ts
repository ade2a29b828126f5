import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { makeThumbnail, thumbName, THUMB_MAX_PX } from '../../src/files/images.ts'

const RED = [255, 0, 0]
const BLUE = [0, 0, 255]

// Raw pixels as a camera writes them: landscape, left half red, right half blue, saved with an
// EXIF orientation that tells the viewer how to turn them.
async function twoColourJpeg(width: number, height: number, orientation?: number) {
  const left = await sharp({
    create: { width: width / 2, height, channels: 3, background: '#ff0000' },
  })
    .png()
    .toBuffer()
  const img = sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 95 })
  return (orientation ? img.withMetadata({ orientation }) : img).toBuffer()
}

// The colour at (x, y) of an encoded image, decoded by sharp.
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

describe('photo thumbnails', () => {
  it('turns a portrait shot stored as landscape pixels (EXIF 6) upright: red on top, blue below', async () => {
    const jpg = await twoColourJpeg(200, 100, 6)
    const raw = await sharp(jpg).metadata()
    expect([raw.width, raw.height, raw.orientation]).toEqual([200, 100, 6])

    const thumb = await makeThumbnail(jpg)
    expect([thumb.width, thumb.height]).toEqual([100, 200])
    const p = await pixels(thumb.data)
    expect(p.width).toBeLessThan(p.height)
    near(p.at(50, 20), RED) // the left of the raw pixels is the top of the photo
    near(p.at(50, 180), BLUE)
    const meta = await sharp(thumb.data).metadata()
    expect(meta.format).toBe('jpeg')
    expect(meta.orientation).toBeUndefined() // turned already: nothing left to turn twice
  })

  it.each([
    [1, [200, 100], { left: RED, right: BLUE }],
    [3, [200, 100], { left: BLUE, right: RED }], // upside down
    [8, [100, 200], { top: BLUE, bottom: RED }], // 90° the other way
  ] as const)('EXIF orientation %i comes out as the photo was seen', async (o, size, want) => {
    const p = await pixels((await makeThumbnail(await twoColourJpeg(200, 100, o))).data)
    expect([p.width, p.height]).toEqual(size)
    if ('left' in want) {
      near(p.at(20, 50), want.left)
      near(p.at(180, 50), want.right)
    } else {
      near(p.at(50, 20), want.top)
      near(p.at(50, 180), want.bottom)
    }
  })

  it('shrinks to THUMB_MAX_PX on the long side and never enlarges a small image', async () => {
    const big = await makeThumbnail(await twoColourJpeg(2000, 1000, 6))
    expect([big.width, big.height]).toEqual([THUMB_MAX_PX / 2, THUMB_MAX_PX])
    const small = await makeThumbnail(await twoColourJpeg(64, 32))
    expect([small.width, small.height]).toEqual([64, 32])
  })

  it('drops the metadata: no EXIF (GPS, camera) in the thumbnail', async () => {
    const jpg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Телефон прораба', Copyright: 'Объект 12' } })
      .toBuffer()
    expect((await sharp(jpg).metadata()).exif).toBeDefined()
    const meta = await sharp((await makeThumbnail(jpg)).data).metadata()
    expect(meta.exif).toBeUndefined()
  })

  it('puts a transparent PNG on white and reads WebP', async () => {
    const png = await sharp({
      create: { width: 60, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer()
    const p = await pixels((await makeThumbnail(png)).data)
    near(p.at(30, 20), [255, 255, 255])
    const webp = await sharp({
      create: { width: 60, height: 40, channels: 3, background: '#00ff00' },
    })
      .webp()
      .toBuffer()
    near((await pixels((await makeThumbnail(webp)).data)).at(30, 20), [0, 255, 0])
  })

  it('throws on content it cannot decode', async () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x41)])
    await expect(makeThumbnail(garbage)).rejects.toThrow()
    const jpg = await twoColourJpeg(200, 100)
    await expect(makeThumbnail(jpg.subarray(0, jpg.length - 40))).rejects.toThrow()
  })

  it('names the thumbnail after the original and keeps the suffix on a long name', () => {
    expect(thumbName('фото.jpg')).toBe('фото.jpg.thumb.jpg')
    expect(thumbName('IMG_0001.JPG')).toBe('IMG_0001.JPG.thumb.jpg')
    const long = thumbName(`${'Трещина в плите '.repeat(10)}.jpg`)
    expect(Array.from(long).length).toBeLessThanOrEqual(120)
    expect(long).toMatch(/^Трещина в плите .*[^ .]\.thumb\.jpg$/)
    expect(thumbName(`${'🚧'.repeat(200)}.png`)).toBe(`${'🚧'.repeat(110)}.thumb.jpg`)
  })
})
