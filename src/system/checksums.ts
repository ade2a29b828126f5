import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import {
  columnKinds,
  pages,
  readSchema,
  TABLES,
  type Kind,
  type Kinds,
  type Schema,
  type TableSpec,
} from './copy-tables.ts'

// Per table: the row count and a SHA-256 over its rows in primary-key order, each row written
// canonically, so that equal data gives equal sums on SQLite and PostgreSQL.

export interface Checksum {
  rows: number
  sha256: string
}

const PAGE = 1000

// An instant in one spelling: SQLite may hold '2026-11-26 10:11:28' (UTC, as everything here),
// PostgreSQL gives back '2026-11-26T10:11:28.000Z'. Anything unreadable stays as it is.
export function isoTimestamp(v: string): string {
  let s = v.trim().replace(' ', 'T')
  if (/^\d{4}-\d\d-\d\d$/.test(s)) s += 'T00:00:00Z'
  else if (/T.*[+-]\d\d$/.test(s)) s += ':00'
  else if (!/(Z|[+-]\d\d:?\d\d)$/i.test(s)) s += 'Z'
  const d = new Date(s)
  return Number.isNaN(d.getTime()) ? v : d.toISOString()
}

// jsonb reorders keys and adds spaces; the same document gets the same text here.
export function canonicalJson(v: string): string {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sorted)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sorted((x as Record<string, unknown>)[k])]),
          )
        : x
  try {
    return JSON.stringify(sorted(JSON.parse(v)))
  } catch {
    return v
  }
}

export function canonicalValue(v: unknown, kind: Kind | undefined): unknown {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' && kind === 'ts') return isoTimestamp(v)
  if (typeof v === 'string' && kind === 'json') return canonicalJson(v)
  if (typeof v === 'bigint') return Number(v)
  if (Buffer.isBuffer(v)) return v.toString('base64')
  return v // numbers print the same from both drivers (shortest round-trip form)
}

// A table's rows as canonical lines in primary-key order, each with its key for messages.
async function* canonicalRows(db: Kysely<any>, spec: TableSpec, schema: Schema, kinds: Kinds) {
  const cols = schema.get(spec.name) ?? []
  const names = cols.map((c) => c.name).sort()
  for await (const page of pages(db, spec, cols, PAGE))
    for (const row of page)
      yield {
        key: spec.pk.map((k) => `${k}=${row[k]}`).join(', '),
        line: JSON.stringify(
          names.map((c) => canonicalValue(row[c], kinds.get(`${spec.name}.${c}`))),
        ),
      }
}

// Every table of the list; kinds come from the PostgreSQL side of a comparison (see columnKinds).
export async function checksums(db: Kysely<any>, kinds: Kinds): Promise<Map<string, Checksum>> {
  const schema = await readSchema(db)
  const sums = new Map<string, Checksum>()
  for (const spec of TABLES) {
    const hash = createHash('sha256')
    let rows = 0
    for await (const { line } of canonicalRows(db, spec, schema, kinds)) {
      hash.update(line + '\n')
      rows++
    }
    sums.set(spec.name, { rows, sha256: hash.digest('hex') })
  }
  return sums
}

export class CopyMismatch extends Error {
  constructor(
    readonly tables: string[],
    details: string[],
  ) {
    super(`Копия не совпадает с исходной базой: ${details.join('; ')}`)
  }
}

// Compares every table of the two databases; throws CopyMismatch naming each that differs and
// the first row, in key order, that is missing or different.
export async function verifyCopy(source: Kysely<any>, target: Kysely<any>): Promise<void> {
  const schemas = [await readSchema(source), await readSchema(target)] as const
  const kinds = columnKinds(...schemas)
  const [a, b] = [await checksums(source, kinds), await checksums(target, kinds)]
  const tables: string[] = []
  const details: string[] = []
  for (const spec of TABLES) {
    const [x, y] = [a.get(spec.name)!, b.get(spec.name)!]
    if (x.rows === y.rows && x.sha256 === y.sha256) continue
    const rows = canonicalRows(source, spec, schemas[0], kinds)
    const copied = canonicalRows(target, spec, schemas[1], kinds)
    const first = `первое расхождение: ${await firstDifference(rows, copied)}`
    tables.push(spec.name)
    details.push(
      x.rows !== y.rows
        ? `таблица «${spec.name}» — строк в исходной базе: ${x.rows}, в копии: ${y.rows} (${first})`
        : `таблица «${spec.name}» — контрольные суммы различаются (строк: ${x.rows}; ${first})`,
    )
  }
  if (tables.length) throw new CopyMismatch(tables, details)
}

type Rows = AsyncGenerator<{ key: string; line: string }>

async function firstDifference(source: Rows, copy: Rows): Promise<string> {
  for (;;) {
    const [a, b] = [await source.next(), await copy.next()]
    if (a.done && b.done) return '—'
    if (a.done) return `${b.value.key} (лишняя в копии)`
    if (b.done || a.value.line !== b.value.line) return a.value.key
  }
}
