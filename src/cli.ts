import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { loadConfig, type Config } from './config.ts'
import { openDb, type Db } from './db/connect.ts'
import { migrate } from './db/migrate.ts'
import { passwordProblem } from './auth/passwords.ts'
import { createUser } from './users/users.queries.ts'
import { seedDemo } from './seed/demo.ts'
import { backupCommand, copyDataCommand, restoreCommand } from './system/data.cli.ts'
import { importLegacyCommand } from './legacy/import.cli.ts'

// Every command: its line in the help and what it runs. A command that works on the app's own
// database gets it opened and migrated (withDb); others (copy-data, backup) open what they need.
export interface Command {
  help: string
  run(args: string[], config: Config): Promise<void>
}

const SYSTEM = { userId: null, ip: 'cli', requestId: null }

async function ask(question: string, given?: string) {
  if (given) return given
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question(question)
  rl.close()
  return answer.trim()
}

export async function withDb<T>(config: Config, fn: (db: Db, applied: string[]) => Promise<T>) {
  const handle = openDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA })
  try {
    return await fn(handle.db, await migrate(handle.db, handle.schema))
  } finally {
    await handle.close()
  }
}

export const COMMANDS: Record<string, Command> = {
  migrate: {
    help: 'migrate                      применить миграции базы данных',
    run: (_args, config) =>
      withDb(config, async (_db, applied) =>
        console.log(
          applied.length
            ? `Применены миграции: ${applied.join(', ')}`
            : 'База данных в актуальном состоянии',
        ),
      ),
  },
  'create-admin': {
    help:
      'create-admin [--login L] [--name "ФИО"] [--password P]\n' +
      '                               создать администратора (недостающее спросит)',
    run: (args, config) =>
      withDb(config, async (db) => {
        const { values } = parseArgs({
          args,
          options: {
            login: { type: 'string' },
            name: { type: 'string' },
            password: { type: 'string' },
          },
        })
        const login = (await ask('Логин: ', values.login)).toLowerCase()
        const fullName = await ask('ФИО: ', values.name)
        const password = await ask('Пароль (не короче 10 символов): ', values.password)
        const problem = passwordProblem(password, login)
        if (!login || !fullName || problem) throw new Error(problem ?? 'Логин и ФИО обязательны')
        const id = await createUser(db, SYSTEM, {
          login,
          full_name: fullName,
          password,
          role: 'admin',
        })
        console.log(`Администратор «${login}» создан (id ${id})`)
      }),
  },
  'seed-demo': {
    help: 'seed-demo                    заполнить демонстрационными данными',
    run: (_args, config) => withDb(config, (db) => seedDemo(db, (l) => console.log(l), config)),
  },
  'copy-data': copyDataCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'import-legacy': importLegacyCommand,
}

const help = () =>
  `Использование: npm run cli -- <команда> [параметры]\n\n${Object.values(COMMANDS)
    .map((c) => `  ${c.help}`)
    .join('\n')}\n`

async function main() {
  const [name, ...rest] = process.argv.slice(2)
  if (!name || name === 'help' || name === '--help') return console.log(help())
  const command = COMMANDS[name]
  if (!command) {
    console.error(`Неизвестная команда: ${name}\n\n${help()}`)
    process.exitCode = 2
    return
  }
  await command.run(rest, loadConfig())
}

// Only as the entry point (`npm run cli`): tests import COMMANDS without running a command.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`Ошибка: ${(e as Error).message}`)
    process.exit(1)
  })
}
