import { parseArgs } from 'node:util'
import { withDb, type Command } from '../cli.ts'
import { importLegacy } from './import.ts'
import { reportText } from './report-text.ts'

const CLI_ACTOR = { userId: null, ip: 'cli', requestId: null }

export const importLegacyCommand: Command = {
  help:
    'import-legacy --main FILE [--pto FILE] [--files DIR] [--dry-run]\n' +
    '                               перенести данные прежней программы (strod_service_tech.db,\n' +
    '                               pto_docs.db, папка с файлами); --dry-run ничего не пишет',
  run: (args, config) => {
    const { values } = parseArgs({
      args,
      options: {
        main: { type: 'string' },
        pto: { type: 'string' },
        files: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
    })
    if (!values.main) throw new Error('Укажите --main FILE (strod_service_tech.db)')
    const tty = process.stderr.isTTY
    return withDb(config, async (db) => {
      const report = await importLegacy(db, {
        main: values.main!,
        pto: values.pto,
        files: values.files,
        dryRun: values['dry-run'],
        actor: CLI_ACTOR,
        uploadConfig: config,
        onProgress: tty
          ? (done, total, table) =>
              process.stderr.write(`\r\x1b[KИмпорт: ${done}/${total} ${table}`)
          : undefined,
      })
      if (tty) process.stderr.write('\r\x1b[K')
      console.log(reportText(report))
    })
  },
}
