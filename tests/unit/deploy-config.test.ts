import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'
import { loadConfig } from '../../src/config.ts'
import { COMMANDS } from '../../src/cli.ts'
import { testApp, type TestApp } from '../support/app.ts'

// The deployment files are checked against the app itself: a renamed route, a changed default
// port or a removed CLI command breaks this test instead of a deploy.

const read = (path: string) => readFileSync(path, 'utf8')
const DEFAULT_PORT = loadConfig({}).PORT

interface FlyCheck {
  path?: string
  port?: number
}
interface FlyConfig {
  env: Record<string, string>
  deploy: { release_command: string }
  http_service: {
    internal_port: number
    force_https: boolean
    concurrency: { type: string; soft_limit: number; hard_limit: number }
    checks: FlyCheck[]
  }
  checks?: Record<string, FlyCheck>
  mounts: { source: string; destination: string }
}

interface Step {
  uses?: string
  run?: string
  env?: Record<string, string>
}
interface Job {
  services?: Record<string, { image: string }>
  steps?: Step[]
  needs?: string | string[]
  uses?: string
}
interface Workflow {
  on: Record<string, unknown>
  jobs: Record<string, Job>
}

const fly = parseToml(read('fly.toml')) as unknown as FlyConfig
const dockerfile = read('Dockerfile')
const ci = parseYaml(read('.github/workflows/ci.yml')) as Workflow
const deploy = parseYaml(read('.github/workflows/deploy.yml')) as Workflow
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? [])

describe('fly.toml', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp('sqlite')
  })
  afterAll(() => t.close())

  it("sends traffic to the app's default port over HTTPS", () => {
    expect(fly.http_service.internal_port).toBe(DEFAULT_PORT)
    expect(Number(fly.env.PORT)).toBe(DEFAULT_PORT)
    expect(fly.http_service.force_https).toBe(true)
  })

  it('counts connections, with room for one WebSocket per open page', () => {
    const c = fly.http_service.concurrency
    expect(c.type).toBe('connections')
    expect(c.soft_limit).toBeGreaterThanOrEqual(100)
    expect(c.hard_limit).toBeGreaterThan(c.soft_limit)
  })

  it('checks /healthz and /readyz, and both answer 200 in the real app', async () => {
    const checks = [...fly.http_service.checks, ...Object.values(fly.checks ?? {})]
    const paths = checks.map((c) => c.path)
    expect(paths).toEqual(expect.arrayContaining(['/healthz', '/readyz']))
    for (const c of checks) {
      if (c.port !== undefined) expect(c.port).toBe(DEFAULT_PORT)
      const res = await t.get(c.path!)
      expect(res.status, c.path).toBe(200)
    }
  })

  it('runs a real CLI command as the release command', () => {
    const words = fly.deploy.release_command.split(/\s+/)
    expect(words.slice(0, 4)).toEqual(['node', '--import', 'tsx', 'src/cli.ts'])
    expect(Object.keys(COMMANDS)).toContain(words[4])
    expect(words[4]).toBe('migrate')
  })

  it('keeps SQLite and uploads on the mounted volume, as the image does', () => {
    expect(fly.mounts.destination).toBe('/data')
    expect(fly.env.DATABASE_URL).toBe('file:/data/strod.db')
    expect(fly.env.UPLOAD_DIR).toBe('/data/uploads')
    expect(dockerfile).toContain('DATABASE_URL=file:/data/strod.db')
    expect(dockerfile).toContain('UPLOAD_DIR=/data/uploads')
    expect(dockerfile).toMatch(/^VOLUME \/data$/m)
  })
})

describe('Dockerfile', () => {
  it('exposes the default port, checks /healthz and runs the server as a non-root user', () => {
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${DEFAULT_PORT}$`, 'm'))
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/)
    const user = dockerfile.match(/^USER (\S+)$/m)?.[1]
    expect(user).toBeDefined()
    expect(user).not.toMatch(/^(root|0)(:|$)/)
    expect(dockerfile).toContain('fonts-dejavu-core')
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "src\/server\.ts"\]$/m)
  })
})

describe('GitHub workflows', () => {
  it('CI runs on pushes and pull requests: npm ci and npm test against PostgreSQL', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
    const test = Object.values(ci.jobs).find((j) => j.steps?.length)
    expect(test?.services?.postgres?.image).toMatch(/^postgres:\d+/)
    const runs = (test?.steps ?? []).map((s) => s.run ?? '').join('\n')
    expect(runs).toMatch(/\bnpm ci\b/)
    expect(runs).toMatch(/\bnpm test\b/)
  })

  it('deploys tagged versions to Fly.io with the FLY_API_TOKEN secret, after the tests', () => {
    const push = deploy.on.push as { tags?: string[]; branches?: string[] }
    expect(push.tags).toContain('v*')
    expect(push.branches).toBeUndefined()
    expect(Object.keys(ci.on)).toContain('workflow_call')
    expect(deploy.jobs.test?.uses).toBe('./.github/workflows/ci.yml')
    expect(deploy.jobs.deploy?.needs).toBe('test')
    const all = steps(deploy)
    expect(all.some((s) => s.uses?.startsWith('superfly/flyctl-actions/setup-flyctl'))).toBe(true)
    const run = all.find((s) => s.run?.includes('flyctl deploy'))
    expect(run?.run).toContain('--remote-only')
    expect(run?.env?.FLY_API_TOKEN).toBe('${{ secrets.FLY_API_TOKEN }}')
  })
})
