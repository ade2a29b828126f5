import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assetBody, pickEncoding } from '../../src/lib/assets.ts'
import { testApp, type TestApp } from '../support/app.ts'

// Static files under content-hashed names with a year of cache, and compressed responses.
describe('assets and compression', () => {
  let t: TestApp
  let cookie: string
  let urls: string[]
  beforeAll(async () => {
    t = await testApp('sqlite')
    cookie = (await t.signIn('director')).cookie
    const html = await (await t.get('/projects', cookie)).text()
    urls = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
  })
  afterAll(() => t.close())

  it('pages link every asset by a content-hashed name', () => {
    expect(urls.map((u) => u.replace(/\.[0-9a-f]{10}\./, '.<hash>.')).sort()).toEqual([
      '/assets/app.<hash>.css',
      '/assets/app.<hash>.js',
      '/assets/htmx.min.<hash>.js',
      '/assets/ws.min.<hash>.js',
    ])
  })

  it('a current name is cached for a year; an old hash or a bare name must be revalidated', async () => {
    const css = urls.find((u) => u.endsWith('.css'))!
    const current = await t.get(css)
    expect(current.status).toBe(200)
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(current.headers.get('content-type')).toBe('text/css; charset=utf-8')
    const body = await current.text()
    expect(body.length).toBeGreaterThan(1000)

    const old = await t.get('/assets/app.0123456789.css')
    expect(old.headers.get('cache-control')).toBe('no-cache')
    expect(await old.text()).toBe(body)
    expect((await t.get('/assets/app.css')).headers.get('cache-control')).toBe('no-cache')
    expect((await t.get('/assets/secret.0123456789.txt')).status).toBe(404)
    expect((await t.get('/assets/..%2Fpackage.json')).status).toBe(404)
  })

  it('serves Brotli or gzip as the browser accepts, the same bytes once decoded', async () => {
    const js = urls.find((u) => u.includes('htmx.min'))!
    const identity = Buffer.from((await assetBody('htmx.min.js'))!.identity)
    const br = await t.get(js, undefined, { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(brBytes.length).toBeLessThan(identity.length / 2)
    expect(brotliDecompressSync(brBytes).equals(identity)).toBe(true)

    const gz = await t.get(js, undefined, { 'accept-encoding': 'gzip' })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(identity)).toBe(true)

    const plain = await t.get(js)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(Buffer.from(await plain.arrayBuffer()).equals(identity)).toBe(true)
  })

  it('compresses pages for browsers that accept gzip, and only them', async () => {
    const gz = await t.get('/projects', cookie, { 'accept-encoding': 'gzip, deflate' })
    expect(gz.status).toBe(200)
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    const html = gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')
    expect(html).toContain('<!DOCTYPE html>')
    expect(html).toContain('Список проектов')
    const plain = await t.get('/projects', cookie)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toContain('<!DOCTYPE html>')
  })

  it('reads Accept-Encoding with q-values', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br')
    expect(pickEncoding('br;q=0, gzip;q=0.8')).toBe('gzip')
    expect(pickEncoding('identity')).toBeNull()
    expect(pickEncoding('*')).toBe('br')
    expect(pickEncoding(undefined)).toBeNull()
  })
})
