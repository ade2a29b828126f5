import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { transform } from 'esbuild'
import { join } from 'node:path'

// Static files are served under content-hashed names, /assets/app.<hash>.css: a browser keeps
// them for a year without asking again, and a new build has new names, so it sees the change
// at once. Each body is prepared once per process (lowered where needed, then gzip and Brotli)
// and served from memory.
export const ASSET_FILES: Record<string, string> = {
  'app.css': 'public/app.css',
  'htmx.min.js': 'node_modules/htmx.org/dist/htmx.min.js',
  'ws.min.js': 'node_modules/htmx-ext-ws/dist/ws.min.js',
  'app.js': 'public/app.js',
}

const HASH_LENGTH = 10
const hashes = new Map<string, string>()

// The hash of the source file: the served body is a pure function of it (esbuild is pinned).
export function assetHash(name: string) {
  let h = hashes.get(name)
  if (!h) {
    const file = join(process.cwd(), ASSET_FILES[name] ?? '')
    h = existsSync(file)
      ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, HASH_LENGTH)
      : '0'.repeat(HASH_LENGTH)
    hashes.set(name, h)
  }
  return h
}

// 'app.css' → '/assets/app.3f2a9c1b7e.css'
export function assetUrl(name: string) {
  const dot = name.lastIndexOf('.')
  return `/assets/${name.slice(0, dot)}.${assetHash(name)}${name.slice(dot)}`
}

// '/assets/<file>' → the asset and whether the name carried its current hash. A name with an
// old hash (a page loaded before a deploy) still gets the current file, but not for a year.
export function resolveAsset(file: string): { name: string; current: boolean } | null {
  const m = /^(.+)\.([0-9a-f]{10})(\.[a-z]+)$/.exec(file)
  if (m) {
    const name = `${m[1]}${m[3]}`
    return ASSET_FILES[name] ? { name, current: m[2] === assetHash(name) } : null
  }
  return ASSET_FILES[file] ? { name: file, current: false } : null
}

export interface AssetBody {
  type: string
  identity: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
  br: Uint8Array<ArrayBuffer>
}

// The vendored htmx uses ?. and ?? (ES2020): served lowered to ES2017, so old site computers
// (Safari 13, old Chrome) run it. The source stays as shipped.
const LOWERED = new Set(['htmx.min.js', 'ws.min.js'])
const bodies = new Map<string, Promise<AssetBody | null>>()

export function assetBody(name: string): Promise<AssetBody | null> {
  let body = bodies.get(name)
  if (!body) {
    const file = ASSET_FILES[name]
    body = file ? load(name, join(process.cwd(), file)) : Promise.resolve(null)
    bodies.set(name, body)
  }
  return body
}

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)
const bytes = (b: Buffer) =>
  new Uint8Array(b.buffer, b.byteOffset, b.byteLength) as Uint8Array<ArrayBuffer>

async function load(name: string, path: string): Promise<AssetBody | null> {
  const source = await readFile(path).catch(() => null)
  if (!source) return null
  const identity = LOWERED.has(name)
    ? Buffer.from(
        (await transform(source.toString('utf8'), { target: 'es2017', minify: true, loader: 'js' }))
          .code,
        'utf8',
      )
    : source
  const [gz, br] = await Promise.all([
    gzipAsync(identity, { level: 9 }),
    brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  ])
  return {
    type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    identity: bytes(identity),
    gzip: bytes(gz),
    br: bytes(br),
  }
}

// The best encoding the client accepts: Brotli, then gzip, else none.
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';')
    if (!token) continue
    const q = params.map((p) => /^\s*q=([0-9.]+)/.exec(p)?.[1]).find(Boolean)
    accepted.set(token, q === undefined ? 1 : Number(q))
  }
  const q = (enc: string) => accepted.get(enc) ?? accepted.get('*') ?? 0
  if (q('br') > 0) return 'br'
  if (q('gzip') > 0) return 'gzip'
  return null
}
