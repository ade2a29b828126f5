import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { createCustomer } from '../../src/customers/customers.queries.ts'
import { openDb } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import {
  backupPostgres,
  backupSqlite,
  copyUploads,
  restorePostgres,
  restoreSqlite,
} from '../../src/system/backup.ts'
import { freshDb, PG_URL } from '../support/db.ts'

const dir = mkdtempSync(join(tmpdir(), 'strod-backup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const actor = { userId: null, ip: null, requestId: null }
const customer = (name: string) => ({
  name,
  inn: null,
  contact_info: null,
  address: null,
  comments: null,
})

// A migrated SQLite database with a user, the named customers and `padding` audit rows.
async function sqliteDb(name: string, customers: string[], padding = 0) {
  const file = join(dir, name)
  const h = openDb(`file:${file}`)
  await migrate(h.db)
  const at = new Date().toISOString()
  await h.db
    .insertInto('users')
    .values({
      login: 'admin',
      full_name: 'Админ',
      role: 'admin',
      password_hash: 'x',
      is_active: 1,
      search: 'админ',
      created_at: at,
      updated_at: at,
    })
    .execute()
  for (const c of customers) await createCustomer(h.db, actor, customer(c))
  for (let i = 0; i < padding; i += 500)
    await h.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: 500 }, (_, k) => ({
          at,
          action: 'update',
          entity_type: 'padding',
          entity_id: String(i + k),
          after: JSON.stringify({ note: 'x'.repeat(80) }),
        })),
      )
      .execute()
  return { file, h }
}

const names = (file: string) => {
  const db = new SQLite(file, { readonly: true })
  try {
    return (db.prepare('select name from customers order by id').pluck().all() as string[]).join()
  } finally {
    db.close()
  }
}
const writerRows = (file: string) => {
  const db = new SQLite(file, { readonly: true })
  try {
    return db
      .prepare("select count(*) from audit_log where entity_type = 'writer'")
      .pluck()
      .get() as number
  } finally {
    db.close()
  }
}

// Another process writing to the database as fast as it can, as the server might.
function startWriter(file: string) {
  const code = `
    const db = new (require('better-sqlite3'))(process.env.DB)
    db.pragma('busy_timeout = 5000')
    const insert = db.prepare("insert into audit_log (at, action, entity_type, entity_id) values (?, 'update', 'writer', ?)")
    let i = 0
    const tick = () => { for (let k = 0; k < 20; k++) insert.run(new Date().toISOString(), String(i++)); setImmediate(tick) }
    tick()
    console.log('writing')`
  const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, DB: file } })
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('exit', (c) => reject(new Error(`writer exited with ${c}`)))
  })
  return { child, ready }
}

describe('backup and restore of SQLite', () => {
  it('a backup taken while another process writes opens, is whole and has the rows', async () => {
    const { file, h } = await sqliteDb('busy.db', ['ООО «Разметка»'], 20_000)
    await h.close()
    const writer = startWriter(file)
    try {
      await writer.ready
      const before = writerRows(file)
      const info = await backupSqlite(file, join(dir, 'copies', 'busy-backup.db'))
      const after = writerRows(file)
      expect(after).toBeGreaterThan(before) // the writer went on during the backup

      const copy = new SQLite(info.file, { readonly: true })
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok')
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
      const n = copy.prepare("select count(*) from audit_log where entity_type = 'writer'").pluck()
      expect(n.get()).toBeGreaterThanOrEqual(before)
      expect(n.get()).toBeLessThanOrEqual(after)
      expect(copy.prepare('select count(*) from audit_log').pluck().get()).toBeGreaterThan(20_000)
      copy.close()
      expect(names(info.file)).toBe('ООО «Разметка»')
      expect(info.users).toBe(1)
      expect(readdirSync(join(dir, 'copies'))).toEqual(['busy-backup.db'])
    } finally {
      writer.child.kill()
    }
  })

  it('restore puts the backup back and keeps the replaced database beside it', async () => {
    const { file, h } = await sqliteDb('round.db', ['Первый'])
    const backup = join(dir, 'round-backup.db')
    await backupSqlite(file, backup)
    await createCustomer(h.db, actor, customer('Второй'))
    await h.close()

    const r = await restoreSqlite(backup, file)
    expect(names(file)).toBe('Первый')
    expect(r.users).toBe(1)
    expect(names(r.saved!)).toBe('Первый,Второй')
    const reopened = openDb(`file:${file}`)
    expect(await migrate(reopened.db)).toEqual([])
    await reopened.close()
  })

  it('restore refuses while the server has the database open', async () => {
    const { file, h } = await sqliteDb('open.db', ['Открытый'])
    const backup = join(dir, 'open-backup.db')
    await backupSqlite(file, backup)
    await expect(restoreSqlite(backup, file)).rejects.toThrow(/открыта другим процессом/)
    await h.close()
    await expect(restoreSqlite(backup, file)).resolves.toMatchObject({ users: 1 })
  })

  it('restore refuses a file that is not a backup and leaves the database alone', async () => {
    const { file, h } = await sqliteDb('kept.db', ['Сохранённый'])
    await h.close()
    const junk = join(dir, 'junk.db')
    writeFileSync(junk, 'это не база данных, а текст '.repeat(100))
    await expect(restoreSqlite(junk, file)).rejects.toThrow(
      `${junk}: это не резервная копия базы Строд-Сервиса`,
    )
    expect(names(file)).toBe('Сохранённый')
    expect(existsSync(`${file}.restoring`)).toBe(false)
  })

  it('uploads are copied beside the backup without unfinished ones, adding to what is there', () => {
    const uploads = join(dir, 'uploads')
    mkdirSync(join(uploads, 'ab'), { recursive: true })
    mkdirSync(join(uploads, 'tmp'), { recursive: true })
    writeFileSync(join(uploads, 'ab', 'abcd'), 'photo')
    writeFileSync(join(uploads, 'tmp', 'half'), 'pho')
    const target = join(dir, 'backup.db.files')
    mkdirSync(join(target, 'cd'), { recursive: true })
    writeFileSync(join(target, 'cd', 'cdef'), 'older')
    expect(copyUploads(uploads, target)).toBe(1)
    expect(readdirSync(target).sort()).toEqual(['ab', 'cd'])
    expect(readdirSync(join(target, 'ab'))).toEqual(['abcd'])
  })
})

describe('backup and restore of PostgreSQL', () => {
  it('without pg_dump the backup says how to install it', () => {
    expect(() =>
      backupPostgres(PG_URL, undefined, join(dir, 'x.dump'), { PATH: '/nonexistent' }),
    ).toThrow(/Не найдена программа pg_dump[\s\S]*apt-get install postgresql-client/)
    writeFileSync(join(dir, 'some.dump'), 'PGDMP')
    expect(() => restorePostgres(PG_URL, join(dir, 'some.dump'), { PATH: '/nonexistent' })).toThrow(
      /Не найдена программа pg_restore/,
    )
  })

  it('the backup command exits 1 with that message', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'backup', '--to', join(dir, 'cli.dump')],
      {
        encoding: 'utf8',
        env: { DATABASE_URL: PG_URL, PATH: '/nonexistent', HOME: process.env.HOME },
      },
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('Ошибка: Не найдена программа pg_dump')
    expect(existsSync(join(dir, 'cli.dump'))).toBe(false)
  })

  // CI installs postgresql-client (.ci/run, ci.yml): without pg_dump this fails, it is not skipped.
  it('pg_dump of the schema and pg_restore bring the data back', async () => {
    const t = await freshDb('postgres')
    try {
      await createCustomer(t.db, actor, customer('ГКУ «Дирекция дорог»'))
      const dump = join(dir, 'pg.dump')
      expect(backupPostgres(PG_URL, t.schema, dump).bytes).toBeGreaterThan(1000)
      await t.db.deleteFrom('customers').execute()
      await createCustomer(t.db, actor, customer('Лишний'))
      restorePostgres(PG_URL, dump)
      const rows = await t.db.selectFrom('customers').select(['id', 'name']).execute()
      expect(rows).toEqual([{ id: 1, name: 'ГКУ «Дирекция дорог»' }])
      const next = await createCustomer(t.db, actor, customer('Новый'))
      expect(next.id).toBe(2)
    } finally {
      await t.drop()
    }
  })
})
