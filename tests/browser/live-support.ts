import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { expectSettled } from './support.ts'

// The live tests run against servers of their own, seeded with the demo data (a director and a
// project manager who is a member of every demo project), so they can restart them at will and
// leave the shared e2e database of the other specs alone.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DEMO_PASSWORD = 'strod-demo-2026'

export interface DemoUser {
  login: string
  shortName: string // as lock notices show it
  initials: string // as presence shows it
}
export const DIRECTOR: DemoUser = {
  login: 'director',
  shortName: 'Соколов А. В.',
  initials: 'СА',
}
export const PM: DemoUser = { login: 'pm.orlova', shortName: 'Орлова Е. С.', initials: 'ОЕ' }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

async function healthy(url: string) {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok
  } catch {
    return false
  }
}

// One app process on its own port and SQLite file; stop() and start() restart it on the same
// port, the way a deploy does.
export class AppServer {
  private proc: ChildProcess | null = null
  output = '' // what the server wrote (warnings and errors), every run of it
  private exited: Promise<{ code: number | null; signal: string | null }> | null = null

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async seeded() {
    const server = new AppServer(await mkdtemp(join(tmpdir(), 'strod-live-')), await freePort())
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'seed-demo'], {
      cwd: ROOT,
      env: server.env,
    })
    await server.start()
    return server
  }

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  private get dbFile() {
    return join(this.dir, 'live.db')
  }

  private get env() {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${this.dbFile}`,
      LOG_LEVEL: 'warn',
    }
    delete env.NODE_OPTIONS // the test runner's loader is not the app's
    return env
  }

  // Others edit src/ while these tests run: a server that fails to boot is given a few more tries.
  async start() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce()
      } catch (e) {
        if (attempt >= 4) throw e
        await sleep(3000)
      }
    }
  }

  private async startOnce() {
    let stderr = ''
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    proc.stdout!.on('data', (d) => (this.output += d))
    proc.stderr!.on('data', (d) => {
      stderr += d
      this.output += d
    })
    this.proc = proc
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => resolve({ code, signal })),
    )
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null)
        throw new Error(`the server exited while starting (${proc.exitCode}):\n${stderr}`)
      if (await healthy(this.url)) return
      await sleep(100)
    }
    proc.kill('SIGKILL')
    throw new Error(`the server did not answer /healthz in 30 s:\n${stderr}`)
  }

  // SIGTERM, as a deploy sends it; resolves with how the process ended. The server's own
  // shutdown gives up after 15 s; SIGKILL only if even that does not happen.
  async stop() {
    const proc = this.proc
    const exited = this.exited
    this.proc = this.exited = null
    if (!proc || !exited) return null
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM')
    const killer = setTimeout(() => proc.kill('SIGKILL'), 30_000)
    const result = await exited
    clearTimeout(killer)
    return result
  }

  async dispose() {
    await this.stop()
    await rm(this.dir, { recursive: true, force: true })
  }

  // Straight into the database file: only for reading ids, or for writing while the server is
  // down.
  sql<T>(statement: string, ...params: unknown[]): T[] {
    const db = new Database(this.dbFile)
    try {
      const stmt = db.prepare(statement)
      return stmt.reader ? (stmt.all(...params) as T[]) : (stmt.run(...params), [])
    } finally {
      db.close()
    }
  }

  projectId(code: string) {
    const [row] = this.sql<{ id: number }>('select id from projects where code = ?', code)
    if (!row) throw new Error(`no project ${code}`)
    return row.id
  }
}

export type SignIn = (server: AppServer, user: DemoUser) => Promise<Page>

// `server`: one seeded server per worker; `signIn`: a page of a new browser context signed in
// as that user (contexts side by side, each with its own cookies); `director` and `pm`: the two
// people most tests need, on the shared server. Uncaught script errors fail the test.
export const test = base.extend<
  { signIn: SignIn; director: Page; pm: Page },
  { server: AppServer }
>({
  server: [
    async ({}, use) => {
      const server = await AppServer.seeded()
      await use(server)
      await server.dispose()
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  signIn: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = []
    const pageErrors: string[] = []
    const consoleErrors: string[] = []
    const servers = new Map<AppServer, number>() // where each one's output stood at first use
    await use(async (server, user) => {
      if (!servers.has(server)) servers.set(server, server.output.length)
      const context = await browser.newContext({ baseURL: server.url })
      contexts.push(context)
      // Every page of the context, the ones a test opens later too.
      context.on('page', (page) => {
        page.on('pageerror', (e) => pageErrors.push(`${user.login}: ${e.message}`))
        page.on('console', (m) => {
          if (m.type() === 'error') consoleErrors.push(`${user.login} ${page.url()}: ${m.text()}`)
        })
      })
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('Логин').fill(user.login)
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: 'Войти' }).click()
      await expect(page).toHaveURL(/\/$/) // the dashboard
      await expectSettled(page)
      return page
    })
    for (const c of contexts) await c.close()
    if (consoleErrors.length)
      await testInfo.attach('console-errors.txt', { body: consoleErrors.join('\n') })
    const output = [...servers].map(([server, from]) => server.output.slice(from)).join('')
    if (output) await testInfo.attach('server-output.txt', { body: output })
    expect(pageErrors, 'uncaught errors in the pages').toEqual([])
  },
  director: async ({ signIn, server }, use) => use(await signIn(server, DIRECTOR)),
  pm: async ({ signIn, server }, use) => use(await signIn(server, PM)),
})

export { expect }

// The page's socket is open and the server accepted its subscription to `stream`: changes made
// from now on reach it.
export async function expectWatching(page: Page, stream: string) {
  const escaped = stream.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  await expect(page.locator('#live-ack')).toHaveAttribute(
    'data-subscribed',
    new RegExp(`(^| )${escaped}( |$)`),
  )
}

// Marks the page; the returned check proves it was only updated in place since: a full or a
// boosted (htmx) navigation would lose the marks.
export async function markPage(page: Page) {
  const url = page.url()
  await page.evaluate(() => {
    ;(window as unknown as { liveMark?: string }).liveMark = 'kept'
    document.getElementById('main')!.dataset.liveMark = 'kept'
  })
  return async function expectNotNavigated() {
    expect(page.url()).toBe(url)
    const marks = await page.evaluate(() => [
      (window as unknown as { liveMark?: string }).liveMark,
      document.getElementById('main')?.dataset.liveMark,
    ])
    expect(marks, 'the page was reloaded or navigated').toEqual(['kept', 'kept'])
  }
}

// A value in the project card's list of fields.
export const cardField = (page: Page, id: number, label: string) =>
  page.locator(`#project-${id}-card dt:text-is("${label}") + dd`)
