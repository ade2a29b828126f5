import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(
      t,
      e.isDirectory() ? newest(p) : /\.(tsx|css)$/.test(e.name) ? statSync(p).mtimeMs : 0,
    )
  }
  return t
}

// The built CSS is missing, or older than a template or the stylesheet it is made from.
export function cssIsStale(out = 'public/app.css') {
  if (!existsSync(out)) return true
  const built = statSync(out).mtimeMs
  return (
    newest('views') > built ||
    newest('src') > built ||
    statSync('tailwind.config.cjs').mtimeMs > built
  )
}
