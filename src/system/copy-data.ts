import { resolve } from 'node:path'
import { sql, type Kysely, type Transaction } from 'kysely'
import { migrations } from '../../migrations/index.ts'
import { isPostgres, type DbHandle } from '../db/connect.ts'
import { migrate } from '../db/migrate.ts'
import { isoTimestamp, verifyCopy } from './checksums.ts'
import {
  columnKinds,
  pages,
  readSchema,
  schemaProblem,
  TABLES,
  type Column,
  type Kinds,
  type Schema,
  type TableSpec,
} from './copy-tables.ts'

// The whole application database from one database into a new one (SQLite ⇄ PostgreSQL):
// the source is read in one snapshot, the target written in one transaction that is committed
// only when every table's row count and checksum match the source.

// Rows per INSERT: 500 rows × the widest table's ~30 columns stays well under the drivers'
// limits on bound parameters (SQLite 32 766, PostgreSQL 65 535).
const BATCH = 500

export class CopyRefused extends Error {}

export interface CopyReport {
  tables: { name: string; rows: number }[]
  ms: number
}

export async function copyData(
  from: DbHandle,
  to: DbHandle,
  print: (line: string) => void = () => {},
): Promise<CopyReport> {
  const started = Date.now()
  if (place(from) === place(to)) throw new CopyRefused('Источник и цель — одна и та же база')
  await checkSourceMigrations(from.db)
  await migrate(to.db, to.schema)
  const [source, target] = [await readSchema(from.db), await readSchema(to.db)]
  const problem = schemaProblem(source, target)
  if (problem) throw new CopyRefused(problem)
  await refuseNonEmpty(to.db)
  const kinds = columnKinds(source, target)
  const tables = await readSnapshot(from.db, (src) =>
    to.db.transaction().execute(async (dst) => {
      if (isPostgres(dst)) await sql`set local time zone 'UTC'`.execute(dst)
      // The reference rows the target's migrations wrote give way to the source's own.
      for (const spec of TABLES.filter((t) => t.seeded)) await dst.deleteFrom(spec.name).execute()
      const counts = []
      for (const spec of TABLES) {
        const rows = await copyTable(src, dst, spec, source.get(spec.name)!, kinds)
        counts.push({ name: spec.name, rows })
        print(`  ${spec.name.padEnd(24)} ${rows}`)
      }
      await carrySequences(src, dst, target)
      await verifyCopy(src, dst)
      return counts
    }),
  )
  return { tables, ms: Date.now() - started }
}

function place(h: DbHandle) {
  if (h.dialect === 'postgres') return `${h.url}#${h.schema ?? ''}`
  const file = h.url.replace(/^file:/, '')
  return file === ':memory:' ? Symbol() : resolve(file)
}

// SQLite: a read transaction sees one snapshot (WAL). PostgreSQL: REPEATABLE READ does.
function readSnapshot<T>(db: Kysely<any>, fn: (trx: Transaction<any>) => Promise<T>) {
  const trx = db.transaction()
  return isPostgres(db)
    ? trx.setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn)
    : trx.execute(fn)
}

async function checkSourceMigrations(db: Kysely<any>) {
  const known = Object.keys(migrations)
  const applied = await db
    .selectFrom('kysely_migration')
    .select('name')
    .execute()
    .then((rows) => rows.map((r) => r.name as string))
    .catch(() => {
      throw new CopyRefused('В исходной базе нет таблиц приложения: это не база Строд-Сервиса')
    })
  const unknown = applied.filter((n) => !known.includes(n))
  if (unknown.length)
    throw new CopyRefused(
      `Исходная база новее этой версии программы (миграции ${unknown.join(', ')}): обновите программу`,
    )
  if (applied.length < known.length)
    throw new CopyRefused(
      'Исходная база не обновлена: запустите для неё `npm run cli -- migrate` (с её DATABASE_URL) и повторите',
    )
}

// Only into a new database: merging two histories would clash on ids and on unique names.
async function refuseNonEmpty(db: Kysely<any>) {
  for (const spec of TABLES) {
    if (spec.seeded) continue
    const { n } = await db
      .selectFrom(spec.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (Number(n) > 0)
      throw new CopyRefused(
        `Целевая база не пуста: в таблице «${spec.name}» уже ${n} строк. copy-data переносит ` +
          'данные только в новую базу — укажите пустую базу (или новую схему) либо удалите эту',
      )
  }
}

async function copyTable(
  src: Kysely<any>,
  dst: Kysely<any>,
  spec: TableSpec,
  cols: Column[],
  kinds: Kinds,
): Promise<number> {
  const later = spec.later ?? []
  const kind = (c: string) => kinds.get(`${spec.name}.${c}`)
  // An instant with its zone spelled out: PostgreSQL would read a bare one in its session zone.
  const value = (v: unknown, c: string) =>
    later.includes(c) ? null : kind(c) === 'ts' && typeof v === 'string' ? isoTimestamp(v) : v
  const deferred: Record<string, unknown>[] = []
  let n = 0
  try {
    for await (const page of pages(src, spec, cols, BATCH)) {
      const rows = page.map((r) =>
        Object.fromEntries(cols.map((c) => [c.name, value(r[c.name], c.name)])),
      )
      await dst.insertInto(spec.name).values(rows).execute()
      deferred.push(...page.filter((r) => later.some((c) => r[c] != null)))
      n += page.length
    }
    for (const row of deferred) {
      let q = dst.updateTable(spec.name).set(Object.fromEntries(later.map((c) => [c, row[c]])))
      for (const k of spec.pk) q = q.where(k, '=', row[k])
      await q.execute()
    }
  } catch (e) {
    throw new Error(`Таблица «${spec.name}»: ${(e as Error).message}`)
  }
  return n
}

// New ids go on after the source's highest id ever handed out, not just the highest left:
// neither SQLite's AUTOINCREMENT nor a PostgreSQL identity reuses the id of a deleted row.
async function carrySequences(src: Kysely<any>, dst: Kysely<any>, target: Schema) {
  const used = await highestIds(src)
  for (const { name } of TABLES) {
    const high = used.get(name) ?? 0
    if (isPostgres(dst)) {
      const id = target.get(name)!.find((c) => c.identity)
      if (id)
        await sql`select setval(pg_get_serial_sequence(${name}, ${id.name}), greatest(
            (select coalesce(max(${sql.ref(id.name)}), 0) from ${sql.table(name)}), ${high}) + 1,
            false)`.execute(dst)
    } else if (high > 0) {
      const raise = sql`update sqlite_sequence set seq = max(seq, ${high}) where name = ${name}`
      if (!Number((await raise.execute(dst)).numAffectedRows))
        await sql`insert into sqlite_sequence (name, seq) values (${name}, ${high})`.execute(dst)
    }
  }
}

async function highestIds(db: Kysely<any>): Promise<Map<string, number>> {
  if (!isPostgres(db)) {
    const { rows } = await sql<{ name: string; seq: number }>`
      select name, seq from sqlite_sequence`.execute(db)
    return new Map(rows.map((r) => [r.name, Number(r.seq)]))
  }
  const { rows } = await sql<{ name: string; seq: string }>`
    select table_name as name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
    from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db)
  const used = new Map<string, number>()
  for (const { name, seq } of rows) {
    // seq is the name PostgreSQL itself quoted; setval(…, false) leaves is_called false.
    const { rows: r } = await sql<{ v: number }>`
      select case when is_called then last_value else last_value - 1 end as v
      from ${sql.raw(seq)}`.execute(db)
    used.set(name, Number(r[0].v))
  }
  return used
}
