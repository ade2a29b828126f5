import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomer } from '../../src/customers/customers.queries.ts'
import { openDb, type DbHandle } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { checksums, CopyMismatch, verifyCopy } from '../../src/system/checksums.ts'
import { copyData } from '../../src/system/copy-data.ts'
import { columnKinds, readSchema, TABLES, type Kinds } from '../../src/system/copy-tables.ts'
import { PG_URL } from '../support/db.ts'
import { BARE_TIMESTAMP, fullDatabase, JOB_PAYLOAD } from '../support/full-database.ts'

// SQLite → PostgreSQL → SQLite with the whole demo database plus a row in every other table.

const dir = mkdtempSync(join(tmpdir(), 'strod-copy-'))
const handles: DbHandle[] = []
const schemas: string[] = []

// A PostgreSQL schema that does not exist yet: copy-data creates and migrates it.
function newPgSchema() {
  const schema = `copy_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  schemas.push(schema)
  const h = openDb(PG_URL, { schema, poolSize: 3 })
  handles.push(h)
  return h
}
function sqliteFile(name: string) {
  const h = openDb(`file:${join(dir, name)}`)
  handles.push(h)
  return h
}
const count = async (h: DbHandle, table: string) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0]
      .n,
  )

let source: DbHandle
let pgCopy: DbHandle
let back: DbHandle
let kinds: Kinds

beforeAll(async () => {
  source = await fullDatabase(dir)
  handles.push(source)
  pgCopy = newPgSchema()
  back = sqliteFile('back.db')
})

afterAll(async () => {
  for (const h of handles) await h.close()
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  for (const s of schemas) await c.query(`drop schema if exists ${s} cascade`)
  await c.end()
  rmSync(dir, { recursive: true, force: true })
})

describe('copy-data', () => {
  it('copies every table from SQLite to PostgreSQL and back with equal counts and checksums', async () => {
    for (const { name } of TABLES) expect(await count(source, name), name).toBeGreaterThan(0)
    const there = await copyData(source, pgCopy)
    const again = await copyData(pgCopy, back)
    for (const { name, rows } of there.tables) expect(rows, name).toBe(await count(source, name))
    expect(again.tables).toEqual(there.tables)

    kinds = columnKinds(await readSchema(pgCopy.db))
    const original = await checksums(source.db, kinds)
    expect(await checksums(pgCopy.db, kinds)).toEqual(original)
    expect(await checksums(back.db, kinds)).toEqual(original)
  })

  it('keeps the values themselves: text, JSON, instants, floats, dates', async () => {
    for (const h of [pgCopy, back]) {
      const customer = await h.db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      const original = await source.db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      expect(customer).toEqual(original)
      const job = await h.db.selectFrom('jobs').select('payload').executeTakeFirstOrThrow()
      expect(JSON.parse(job.payload)).toEqual(JSON.parse(JOB_PAYLOAD))
      const session = await h.db
        .selectFrom('sessions')
        .select('expires_at')
        .executeTakeFirstOrThrow()
      expect(session.expires_at).toBe(`${BARE_TIMESTAMP.replace(' ', 'T')}.000Z`)
      const plan = await h.db.selectFrom('schedule_plans').selectAll().executeTakeFirstOrThrow()
      expect([plan.plan_m2, plan.start_date]).toEqual([0.1 + 0.2, '2026-05-01'])
      const audit = (db: typeof h.db) =>
        db
          .selectFrom('audit_log')
          .select('after')
          .where('after', 'is not', null)
          .orderBy('id')
          .executeTakeFirstOrThrow()
      expect(JSON.parse((await audit(h.db)).after!)).toEqual(
        JSON.parse((await audit(source.db)).after!),
      )
    }
  })

  it('names the tables whose copy differs from the source', async () => {
    await back.db.updateTable('remarks').set({ title: 'Подменено' }).where('id', '=', 2).execute()
    await back.db.deleteFrom('notifications').where('id', '=', 1).execute()
    // back is the copy of pgCopy
    const error = await verifyCopy(pgCopy.db, back.db).catch((e) => e)
    expect(error).toBeInstanceOf(CopyMismatch)
    expect(error.tables).toEqual(['remarks', 'notifications'])
    expect(error.message).toContain(
      'таблица «remarks» — контрольные суммы различаются (строк: 36; первое расхождение: id=2)',
    )
    expect(error.message).toContain(
      'таблица «notifications» — строк в исходной базе: 14, в копии: 13 (первое расхождение: id=1)',
    )
  })

  it('lets PostgreSQL hand out new ids after the copied ones, past deleted rows too', async () => {
    const max = await pgCopy.db
      .selectFrom('customers')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow()
    const actor = { userId: 1, ip: null, requestId: null }
    const added = await createCustomer(pgCopy.db, actor, {
      name: 'ГБУ «Автодороги»',
      inn: null,
      contact_info: null,
      address: null,
      comments: null,
    })
    expect(added.id).toBe(Number(max.m) + 1)
    // login_failures 3 was deleted in the source: its id is not handed out again.
    const failure = await pgCopy.db
      .insertInto('login_failures')
      .values({ key: 'ip:10.0.0.8', at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(failure.id).toBe(4)
  })

  it('refuses a target that already holds data and leaves it as it was', async () => {
    const before = await checksums(pgCopy.db, kinds)
    await expect(copyData(source, pgCopy)).rejects.toThrow(
      /Целевая база не пуста: в таблице «users» уже \d+ строк/,
    )
    expect(await checksums(pgCopy.db, kinds)).toEqual(before)
  })

  it('writes nothing when a value does not survive the move (a date column holding a time)', async () => {
    const odd = sqliteFile('odd.db')
    await migrate(odd.db)
    await sql`insert into users (login, full_name, role, password_hash, created_at, updated_at)
      values ('pto', 'Иванова М. И.', 'pto', 'x', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z')`.execute(
      odd.db,
    )
    await sql`insert into projects (contractor, name, short_name, code, status, contract_date,
        created_at, updated_at)
      values ('ООО', 'Дорога', 'Дорога', 'Р-1', 'active', '2026-05-01T10:00:00.000Z',
        '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z')`.execute(odd.db)
    const target = newPgSchema()
    const error = await copyData(odd, target).catch((e) => e)
    expect(error).toBeInstanceOf(CopyMismatch)
    expect(error.tables).toEqual(['projects'])
    expect(error.message).toContain(
      '«projects» — контрольные суммы различаются (строк: 1; первое расхождение: id=1)',
    )
    expect(await count(target, 'users')).toBe(0)
    expect(await count(target, 'projects')).toBe(0)
  })

  it('runs from the command line, and exits 1 with the reason when the target is not empty', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'copy-data', ...args], {
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent' },
      })
    const args = ['--from', `file:${join(dir, 'source.db')}`, '--to', `file:${join(dir, 'cli.db')}`]
    const first = cli(...args)
    expect(first.stdout).toContain(`строк в ${TABLES.length} таблицах`)
    expect(first.status).toBe(0)
    const second = cli(...args)
    expect(second.status).toBe(1)
    expect(second.stderr).toContain('Ошибка: Целевая база не пуста: в таблице «users»')
  })
})
