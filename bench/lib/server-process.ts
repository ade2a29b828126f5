import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { sleep } from './stats.ts'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface Memory {
  // All three after a forced collection.
  rssKb: number
  heapUsedKb: number
  externalKb: number // Buffers and ArrayBuffers (socket buffers live here)
}

export interface ServerProcess {
  pid: number
  port: number
  origin: string
  /** Lines the process printed on stderr/stdout (LOG_LEVEL=warn: only trouble). */
  log: string[]
  /** Servers started with the memory probe only: see bench/lib/memory-probe.ts. */
  memory(): Promise<Memory>
  stop(): Promise<void>
}

// Ask the kernel for a free port rather than guessing one: several runs may share a machine.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject()))
    })
  })
}

const PROBE_PREFIX = 'bench-memory '

const MAX_LOG_LINES = 200

// A chunk of output may end mid-line: keep the tail until its newline arrives.
function lines(onLine: (line: string) => void) {
  let rest = ''
  return (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n')
    rest = parts.pop() ?? ''
    for (const line of parts) onLine(line)
  }
}

// Every child still running, so an interrupted or failed run leaves no server behind.
const running = new Set<ChildProcess>()
export const stopAllProcesses = () => Promise.all([...running].map(stopChild))

/**
 * Starts `node --import tsx <entry>` as its own process (the real server, not an in-process
 * app), so RSS and CPU are the server's alone and the benchmark client does not share its
 * event loop. Resolves once `readyPath` answers 200.
 */
export async function startProcess(opts: {
  entry: string
  env: Record<string, string>
  readyPath: string
  name: string
  memoryProbe?: boolean
}): Promise<ServerProcess> {
  const port = await freePort()
  const probe = opts.memoryProbe ? ['--expose-gc', '--import', './bench/lib/memory-probe.ts'] : []
  const child = spawn(process.execPath, ['--import', 'tsx', ...probe, opts.entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log: string[] = []
  let memoryWaiter: ((m: Memory) => void) | null = null
  const onLine = (line: string) => {
    if (line.startsWith(PROBE_PREFIX)) {
      memoryWaiter?.(JSON.parse(line.slice(PROBE_PREFIX.length)))
      memoryWaiter = null
    } else if (line.trim()) {
      log.push(line)
      if (log.length > MAX_LOG_LINES) log.shift()
    }
  }
  child.stdout!.on('data', lines(onLine))
  child.stderr!.on('data', lines(onLine))
  let exited: string | null = null
  running.add(child)
  child.once('exit', (code, signal) => {
    exited = signal ?? String(code)
    running.delete(child)
  })

  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (exited !== null)
      throw new Error(`${opts.name} exited with ${exited} before it was ready:\n${log.join('\n')}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${opts.name} not ready within 60 s:\n${log.join('\n')}`)
    }
    const ok = await fetch(origin + opts.readyPath)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) break
    await sleep(100)
  }
  return {
    pid: child.pid!,
    port,
    origin,
    log,
    memory: () =>
      new Promise<Memory>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${opts.name}: no memory report`)), 10_000)
        memoryWaiter = (m) => (clearTimeout(timer), resolve(m))
        child.kill('SIGUSR2')
      }),
    stop: () => stopChild(child),
  }
}

// SIGTERM lets the server close its sockets and database pool; SIGKILL only if it hangs.
async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 12_000)
  await gone
  clearTimeout(timer)
}

/** The app server (src/server.ts) on the given database. */
export const startAppServer = (name: string, env: Record<string, string>) =>
  startProcess({ entry: 'src/server.ts', env, readyPath: '/healthz', name, memoryProbe: true })
