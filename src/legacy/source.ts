import { statSync } from 'node:fs'
import { basename } from 'node:path'
import Database from 'better-sqlite3'

export type Source = 'main' | 'pto'

// A table the file must have to be taken for what it claims to be.
const SIGNATURE: Record<Source, { table: string; label: string }> = {
  main: { table: 'gpr_records', label: 'основной программы (strod_service_tech.db)' },
  pto: { table: 'shipments', label: 'программы учёта ИД (pto_docs.db)' },
}

export type Row = Record<string, unknown>

// One of the desktop app's SQLite files, opened read-only: the import never writes to it.
export class LegacyFile {
  private db: Database.Database
  private tables: Set<string>

  constructor(
    readonly path: string,
    readonly source: Source,
  ) {
    try {
      this.db = new Database(path, { readonly: true, fileMustExist: true })
      this.tables = new Set(
        this.db
          .prepare("select name from sqlite_master where type = 'table'")
          .all()
          .map((r) => (r as { name: string }).name),
      )
    } catch (e) {
      throw new Error(`Не удалось открыть ${path}: ${(e as Error).message}`)
    }
    const sig = SIGNATURE[source]
    if (!this.tables.has(sig.table)) {
      this.db.close()
      throw new Error(`Файл ${path} не похож на базу ${sig.label}: нет таблицы ${sig.table}`)
    }
  }

  // Every row of a table in id order; none when this version of the app had no such table.
  rows<T = Row>(table: string): T[] {
    if (!this.tables.has(table)) return []
    return this.db.prepare(`select * from ${quoted(table)} order by rowid`).all() as T[]
  }

  // The tables that hold data (SQLite's own sqlite_* tables aside).
  dataTables() {
    return [...this.tables].filter((t) => !t.startsWith('sqlite_')).sort()
  }

  count(table: string): number {
    if (!this.tables.has(table)) return 0
    return (this.db.prepare(`select count(*) as n from ${quoted(table)}`).get() as { n: number }).n
  }

  describe() {
    return { source: this.source, name: basename(this.path), size: statSync(this.path).size }
  }

  close() {
    this.db.close()
  }
}

// A table name from the file's own catalogue, as an SQL identifier.
const quoted = (table: string) => `"${table.replace(/"/g, '""')}"`

// Text of a legacy value, trimmed; null when empty.
export const text = (v: unknown): string | null => {
  if (v == null) return null
  const s = String(v).trim()
  return s ? s : null
}

// A number from a legacy value: 12.5, '12.5', '12,5'; null otherwise.
export const numberOf = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v !== 'string') return null
  const s = v.trim().replace(/\s/g, '').replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null
  return Number(s)
}

// Lower case, ё as е, single spaces: how names and numbers are compared.
export const norm = (v: unknown) =>
  String(v ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim()
