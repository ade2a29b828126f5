import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { transform } from 'esbuild'
import { join } from 'node:path'

// Static files served under /assets/<name>?v=<content hash>, so browsers cache them forever
// and still see a new build at once.
export const ASSET_FILES: Record<string, string> = {
  'app.css': 'public/app.css',
  'htmx.min.js': 'node_modules/htmx.org/dist/htmx.min.js',
  'ws.min.js': 'node_modules/htmx-ext-ws/dist/ws.min.js',
  'app.js': 'public/app.js',
}

const versions = new Map<string, string>()

export function assetUrl(name: string) {
  let v = versions.get(name)
  if (!v) {
    const file = join(process.cwd(), ASSET_FILES[name] ?? '')
    v = existsSync(file)
      ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10)
      : '0'
    versions.set(name, v)
  }
  return `/assets/${name}?v=${v}`
}

// The vendored htmx uses ?. and ?? (ES2020): served lowered to ES2017, so old site computers
// (Safari 13, old Chrome) run it. Done once per process, in memory; the source stays as shipped.
const LOWERED = new Set(['htmx.min.js', 'ws.min.js'])
const bodies = new Map<string, Promise<Uint8Array<ArrayBuffer> | null>>()

export function assetBody(name: string): Promise<Uint8Array<ArrayBuffer> | null> {
  let body = bodies.get(name)
  if (!body) {
    const file = ASSET_FILES[name]
    body = file ? load(name, join(process.cwd(), file)) : Promise.resolve(null)
    bodies.set(name, body)
  }
  return body
}

async function load(name: string, path: string) {
  const bytes = await readFile(path).catch(() => null)
  if (!bytes || !LOWERED.has(name)) return bytes && new Uint8Array(bytes)
  const out = await transform(bytes.toString('utf8'), {
    target: 'es2017',
    minify: true,
    loader: 'js',
  })
  return new Uint8Array(Buffer.from(out.code, 'utf8'))
}
