import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'

export interface MachineInfo {
  nproc: number
  cpuModel: string
  ramGiB: number
  node: string
  postgres: string | null
  openFilesLimit: string
  loadAverage1m: number // at the start: other work on these 2 cores skews every number
}

// Above this the run shares its 2 cores with something else (a test suite, a build).
export const BUSY_LOAD = 0.7

function sh(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (m) return m[1].trim()
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown'
}

// Read before anything starts, so the load average is the machine's, not the benchmark's.
// postgres (the server's own version, not psql's) is filled in once a database is open.
export function machineInfo(): MachineInfo {
  return {
    nproc: Number(sh('nproc', [])) || cpus().length,
    cpuModel: cpuModel(),
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: null,
    // Each socket costs one descriptor in the client and one in the server.
    openFilesLimit: sh('sh', ['-c', 'ulimit -n']) ?? 'unknown',
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  }
}
