import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import type { Config } from '../config.ts'
import { openDb } from '../db/connect.ts'
import { formatNumber } from '../lib/format.ts'
import {
  backupPostgres,
  backupSqlite,
  copyUploads,
  filesBeside,
  restorePostgres,
  restoreSqlite,
} from './backup.ts'
import { CopyMismatch } from './checksums.ts'
import { copyData } from './copy-data.ts'

// The commands that move the whole database: copy-data, backup, restore.

const isPg = (url: string) => /^postgres(ql)?:\/\//.test(url)
const sqliteFile = (url: string) => url.replace(/^file:/, '')
// A URL as printed: without its password.
const shown = (url: string, schema?: string) =>
  url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@') + (schema ? ` (схема ${schema})` : '')

function database(url: string | undefined, schema: string | undefined, flag: string) {
  if (!url || !/^(file:|postgres(ql)?:\/\/)/.test(url))
    throw new Error(`Укажите ${flag} как DATABASE_URL: file:путь или postgres://…`)
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`${flag}-schema: латинские буквы, цифры, _`)
  if (schema && !isPg(url)) throw new Error(`${flag}-schema бывает только у PostgreSQL`)
  return { url, schema }
}

export const copyDataCommand: Command = {
  help:
    'copy-data --from URL --to URL [--from-schema S] [--to-schema S]\n' +
    '                               перенести все данные в новую базу (SQLite ⇄ PostgreSQL)',
  async run(args) {
    const { values: v } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'from-schema': { type: 'string' },
        'to-schema': { type: 'string' },
      },
    })
    const src = database(v.from, v['from-schema'], '--from')
    const dst = database(v.to, v['to-schema'], '--to')
    if (!isPg(src.url) && !existsSync(sqliteFile(src.url)))
      throw new Error(`Файл ${sqliteFile(src.url)} не найден`)
    console.log(`Копирование ${shown(src.url, src.schema)} → ${shown(dst.url, dst.schema)}`)
    console.log(
      'Сервер должен быть остановлен: изменения после начала копирования в копию не попадут.',
    )
    const from = openDb(src.url, { schema: src.schema, poolSize: 2 })
    const to = openDb(dst.url, { schema: dst.schema, poolSize: 2 })
    try {
      const r = await copyData(from, to, (line) => console.log(line))
      const rows = r.tables.reduce((sum, t) => sum + t.rows, 0)
      console.log(
        `Готово: ${formatNumber(rows)} строк в ${r.tables.length} таблицах за ` +
          `${formatNumber(Math.round(r.ms / 100) / 10)} с. Число строк и контрольные суммы ` +
          'всех таблиц совпадают с исходной базой.\n' +
          'Файлы вложений (UPLOAD_DIR) в базе не хранятся: новый сервер должен видеть ту же папку.\n' +
          `Дальше: DATABASE_URL=${shown(dst.url)}${dst.schema ? ` DATABASE_SCHEMA=${dst.schema}` : ''} и запуск сервера.`,
      )
    } catch (e) {
      if (e instanceof CopyMismatch)
        throw new Error(`${e.message}. Копирование отменено: в целевую базу ничего не записано.`)
      throw e
    } finally {
      await from.close()
      await to.close()
    }
  },
}

function filesNote(config: Config, withFiles: boolean | undefined, backup: string) {
  if (!withFiles)
    return console.log(
      `Файлы вложений (${config.UPLOAD_DIR}) в копию базы не входят — сохраните и их ` +
        '(--with-files или rsync).',
    )
  const n = copyUploads(config.UPLOAD_DIR, filesBeside(backup))
  console.log(`Файлы вложений: ${formatNumber(n)} в ${filesBeside(backup)}`)
}

export const backupCommand: Command = {
  help:
    'backup --to FILE [--with-files]\n' +
    '                               резервная копия базы (и файлов вложений) на ходу',
  async run(args, config) {
    const { values: v } = parseArgs({
      args,
      options: { to: { type: 'string' }, 'with-files': { type: 'boolean' } },
    })
    if (!v.to) throw new Error('Укажите файл копии: --to FILE')
    const info = isPg(config.DATABASE_URL)
      ? backupPostgres(config.DATABASE_URL, config.DATABASE_SCHEMA, v.to)
      : await backupSqlite(sqliteFile(config.DATABASE_URL), v.to)
    const users = info.users === undefined ? '' : `, пользователей: ${info.users}, проверена`
    const mb = formatNumber(Math.round(info.bytes / 104857.6) / 10)
    console.log(`Резервная копия базы: ${info.file} (${mb} МБ${users})`)
    filesNote(config, v['with-files'], v.to)
  },
}

export const restoreCommand: Command = {
  help:
    'restore --from FILE [--with-files]\n' +
    '                               восстановить базу из копии (сервер остановить)',
  async run(args, config) {
    const { values: v } = parseArgs({
      args,
      options: { from: { type: 'string' }, 'with-files': { type: 'boolean' } },
    })
    if (!v.from) throw new Error('Укажите файл копии: --from FILE')
    if (isPg(config.DATABASE_URL)) {
      console.log('Сервер должен быть остановлен на время восстановления.')
      restorePostgres(config.DATABASE_URL, v.from)
      console.log(`База ${shown(config.DATABASE_URL)} восстановлена из ${v.from}.`)
    } else {
      const file = sqliteFile(config.DATABASE_URL)
      const r = await restoreSqlite(v.from, file)
      console.log(`База ${file} восстановлена из ${v.from} (пользователей: ${r.users}).`)
      if (r.saved) console.log(`Прежняя база сохранена как ${r.saved}.`)
    }
    if (v['with-files']) {
      const n = copyUploads(filesBeside(v.from), config.UPLOAD_DIR)
      console.log(
        `Файлы вложений: ${formatNumber(n)} из ${filesBeside(v.from)} в ${config.UPLOAD_DIR}`,
      )
    }
    console.log('Запустите сервер: недостающие миграции он применит сам.')
  },
}
