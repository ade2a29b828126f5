import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

// Ports for server processes: below the ephemeral range, in a block per vitest worker, so two
// test files running side by side never probe the same free port and race for it.
let next = 0
async function workerPort(): Promise<number> {
  const pool = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0)
  for (let i = 0; i < 100; i++) {
    const port = 20_000 + (pool % 100) * 100 + (next++ % 100)
    if (await isFree(port)) return port
  }
  return freePort()
}

function isFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const s = createServer()
    s.once('error', () => resolve(false))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
  })
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface ServerProcess {
  port: number
  origin: string
  child: ChildProcess
  stop(): Promise<void>
}

// A real server process (as `npm start` runs it), for tests that need several of them. A free
// port can be taken by another test's server between the probe and the bind: then this one
// exits (EADDRINUSE) and it starts again on another port.
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await startOnce(env)
      await new Promise((r) => setTimeout(r, 150))
      if (server.child.exitCode === null || attempt === 3) return server
    } catch (e) {
      if (attempt === 3) throw e
    }
  }
}

async function startOnce(env: Record<string, string>): Promise<ServerProcess> {
  const port = await workerPort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += d))
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    const ok = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    port,
    origin,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
