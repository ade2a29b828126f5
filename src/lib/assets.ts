import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
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
