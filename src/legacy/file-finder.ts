import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// The files of the old PC (photos of remarks, uploaded documents), copied into one folder
// given with --files. A legacy row names its file by an absolute path on the old PC and a file
// name; it is found here by file name (case-insensitive), and among several files of that name
// the one whose folders match the tail of the old path wins.
export class FileFinder {
  private byName = new Map<string, string[]>()

  constructor(readonly dir: string) {
    let entries: string[]
    try {
      if (!statSync(dir).isDirectory()) throw new Error('это не каталог')
      entries = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    } catch (e) {
      throw new Error(`Каталог файлов ${dir} недоступен: ${(e as Error).message}`)
    }
    for (const rel of entries) {
      const path = rel.split(/[\\/]/).join('/')
      if (!statSync(join(dir, rel)).isFile()) continue
      const name = baseName(path).toLowerCase()
      this.byName.set(name, [...(this.byName.get(name) ?? []), path])
    }
  }

  // The absolute path of the file a legacy row means, or null.
  find(fileName: string | null, oldPath: string | null): string | null {
    const tail = (oldPath ?? '').split(/[\\/]/).join('/').toLowerCase()
    for (const name of [fileName, oldPath && baseName(oldPath)]) {
      if (!name) continue
      const candidates = this.byName.get(baseName(name).toLowerCase())
      if (!candidates?.length) continue
      const best = candidates.find((c) => tail.endsWith(`/${c.toLowerCase()}`)) ?? candidates[0]
      return join(this.dir, best)
    }
    return null
  }
}

export const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p
