import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { loadConfig } from './config.ts'
import { openDb } from './db/connect.ts'
import { migrate } from './db/migrate.ts'
import { passwordProblem } from './auth/passwords.ts'
import { createUser } from './users/users.queries.ts'
import { seedDemo } from './seed/demo.ts'

const HELP = `Использование: npm run cli -- <команда> [параметры]

  migrate                      применить миграции базы данных
  create-admin [--login L] [--name "ФИО"] [--password P]
                               создать администратора (недостающее спросит)
  seed-demo                    заполнить демонстрационными данными
`

const SYSTEM = { userId: null, ip: 'cli', requestId: null }

async function ask(question: string, given?: string) {
  if (given) return given
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question(question)
  rl.close()
  return answer.trim()
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP)
    return
  }
  const config = loadConfig()
  const handle = openDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA })
  try {
    const applied = await migrate(handle.db, handle.schema)
    if (command === 'migrate') {
      console.log(
        applied.length
          ? `Применены миграции: ${applied.join(', ')}`
          : 'База данных в актуальном состоянии',
      )
    } else if (command === 'create-admin') {
      const { values } = parseArgs({
        args: rest,
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
      const id = await createUser(handle.db, SYSTEM, {
        login,
        full_name: fullName,
        password,
        role: 'admin',
      })
      console.log(`Администратор «${login}» создан (id ${id})`)
    } else if (command === 'seed-demo') {
      await seedDemo(handle.db, (line) => console.log(line), config)
    } else {
      console.error(`Неизвестная команда: ${command}\n\n${HELP}`)
      process.exitCode = 2
    }
  } finally {
    await handle.close()
  }
}

main().catch((e) => {
  console.error(`Ошибка: ${(e as Error).message}`)
  process.exit(1)
})
