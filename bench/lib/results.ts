import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './server-process.ts'

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results')

// One file per day; a run of only some parts keeps the other parts already recorded that day.
export function saveResults(date: string, parts: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${date}.json`)
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  writeFileSync(file, JSON.stringify({ ...previous, ...parts }, null, 2) + '\n')
  return file
}
