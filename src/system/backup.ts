import { spawnSync } from 'node:child_process'
import {
  accessSync,
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { basename, delimiter, dirname, join, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { migrations } from '../../migrations/index.ts'

// Backups of the database (SQLite: its backup API; PostgreSQL: pg_dump / pg_restore) and of the
// uploaded files, which live in UPLOAD_DIR and not in the database.

export interface BackupInfo {
  file: string
  bytes: number
  users?: number
}

// An online copy: a connection of our own reads one consistent snapshot while the server goes
// on writing (WAL lets a reader and the writer work side by side). Written beside the target
// and renamed into place, so a half-written copy never carries the final name.
export async function backupSqlite(dbFile: string, to: string): Promise<BackupInfo> {
  if (!existsSync(dbFile)) throw new Error(`Файл базы ${dbFile} не найден`)
  if (resolve(to) === resolve(dbFile)) throw new Error('Копию нельзя записать поверх самой базы')
  mkdirSync(dirname(resolve(to)), { recursive: true })
  const partial = `${to}.partial`
  rmSync(partial, { force: true })
  const db = new SQLite(dbFile, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    // After the first step, everything left in one step: a write by the server between two
    // steps would restart the copy from the beginning.
    await db.backup(partial, { progress: ({ totalPages }) => totalPages })
  } finally {
    db.close()
  }
  const users = checkBackup(partial)
  renameSync(partial, to)
  return { file: to, bytes: statSync(to).size, users }
}

// A whole, readable SQLite database of this application, made by this version or an older one.
// Leaves it as one self-contained file (rollback journal, no -wal beside it). Returns its users.
export function checkBackup(file: string, name = file): number {
  const notOurs = `${name}: это не резервная копия базы Строд-Сервиса`
  const db = new SQLite(file, { fileMustExist: true })
  try {
    let check: unknown
    try {
      db.pragma('journal_mode = DELETE')
      check = db.pragma('quick_check', { simple: true })
    } catch (e) {
      throw new Error(`${notOurs} (${(e as Error).message})`)
    }
    if (check !== 'ok') throw new Error(`${name}: файл повреждён (${check})`)
    const applied = db.prepare('select name from kysely_migration').pluck().all() as string[]
    if (!applied.length) throw new Error(notOurs)
    const newer = applied.filter((n) => !(n in migrations))
    if (newer.length)
      throw new Error(`${name}: копия сделана более новой версией программы — обновите программу`)
    return db.prepare('select count(*) from users').pluck().get() as number
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_ERROR') throw new Error(notOurs)
    throw e
  } finally {
    db.close()
  }
}

// SQLite deletes the -wal file when the last connection to a WAL database closes: if it is still
// there after ours has closed, another process (the server) has the database open.
export function openElsewhere(dbFile: string): boolean {
  if (!existsSync(dbFile)) return false
  const db = new SQLite(dbFile, { fileMustExist: true })
  try {
    db.prepare('select count(*) from sqlite_master').get()
  } catch {
    // a damaged file: nothing to learn from reading it, the -wal still tells
  } finally {
    db.close()
  }
  return existsSync(`${dbFile}-wal`)
}

// The database is replaced whole, by a rename, once the backup has been checked.
export async function restoreSqlite(from: string, dbFile: string) {
  if (!existsSync(from)) throw new Error(`Файл ${from} не найден`)
  if (openElsewhere(dbFile))
    throw new Error(
      `База ${dbFile} открыта другим процессом — вероятно, работает сервер. ` +
        'Остановите сервер и повторите восстановление.',
    )
  mkdirSync(dirname(resolve(dbFile)), { recursive: true })
  const next = `${dbFile}.restoring`
  copyFileSync(from, next)
  let users: number
  try {
    users = checkBackup(next, from)
  } catch (e) {
    rmSync(next, { force: true })
    throw e
  }
  // The current database (with its WAL, should a crash have left one) stays beside, as it was.
  let saved: string | null = null
  if (existsSync(dbFile)) {
    saved = `${dbFile}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    renameSync(dbFile, saved)
    if (existsSync(`${dbFile}-wal`)) renameSync(`${dbFile}-wal`, `${saved}-wal`)
  }
  rmSync(`${dbFile}-shm`, { force: true })
  renameSync(next, dbFile)
  return { users, saved }
}

export function findTool(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return join(dir, name)
    } catch {
      // not in this directory
    }
  }
  return null
}

export const toolMissing = (tool: string) =>
  new Error(
    `Не найдена программа ${tool}: она нужна для резервного копирования PostgreSQL.\n` +
      'Установите клиент PostgreSQL той же версии, что и сервер, или новее:\n' +
      '  Debian/Ubuntu: sudo apt-get install postgresql-client\n' +
      '  в Dockerfile:  RUN apt-get update && apt-get install -y postgresql-client\n' +
      '  macOS:         brew install libpq\n' +
      '  Windows:       установщик PostgreSQL, компонент «Command Line Tools»\n' +
      'и повторите команду (или запустите pg_dump там, где он есть).',
  )

function run(bin: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(bin, args, { env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] })
  if (r.status !== 0)
    throw new Error(
      `${basename(bin)} завершился с ошибкой: ${r.stderr?.trim() || r.error?.message}`,
    )
}

// pg_dump's custom format: compressed, restored with pg_restore, table by table if need be.
export function backupPostgres(
  url: string,
  schema: string | undefined,
  to: string,
  env: NodeJS.ProcessEnv = process.env,
): BackupInfo {
  const bin = findTool('pg_dump', env)
  if (!bin) throw toolMissing('pg_dump')
  mkdirSync(dirname(resolve(to)), { recursive: true })
  const partial = `${to}.partial`
  const only = schema ? [`--schema=${schema}`] : []
  run(bin, ['--format=custom', `--file=${partial}`, ...only, `--dbname=${url}`], env)
  renameSync(partial, to)
  return { file: to, bytes: statSync(to).size }
}

// Drops and recreates what the dump holds (the schema too, when the dump was of one schema),
// all in one transaction: on any error the database stays as it was.
export function restorePostgres(url: string, from: string, env: NodeJS.ProcessEnv = process.env) {
  if (!existsSync(from)) throw new Error(`Файл ${from} не найден`)
  const bin = findTool('pg_restore', env)
  if (!bin) throw toolMissing('pg_restore')
  run(
    bin,
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, from],
    env,
  )
}

// Where --with-files keeps the uploads of a backup: a folder beside it.
export const filesBeside = (backup: string) => `${backup}.files`

// Uploads are stored by content (one file per SHA-256, never rewritten), so copying into an
// existing folder only adds what is missing. The folder of unfinished uploads is skipped.
export function copyUploads(from: string, to: string): number {
  if (!existsSync(from)) return 0
  let files = 0
  cpSync(from, to, {
    recursive: true,
    force: false,
    filter: (src) => {
      if (resolve(src) === resolve(from, 'tmp')) return false
      if (statSync(src).isFile()) files++
      return true
    },
  })
  return files
}
