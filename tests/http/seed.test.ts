import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp } from '../support/app.ts'
import { seedDemo } from '../../src/seed/demo.ts'
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts'
import { loadConfig } from '../../src/config.ts'

describe.each(DIALECTS)('seed-demo on %s', (dialect) => {
  it('fills every section, and a foreman sees only his site’s projects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strod-seed-'))
    const t = await testApp(dialect, { UPLOAD_DIR: dir })
    try {
      const lines: string[] = []
      const config = loadConfig({ UPLOAD_DIR: dir })
      await seedDemo(t.db.db, (l) => lines.push(l), config)
      expect(lines.join('\n')).toContain(DEMO_PASSWORD)
      const signIn = async (login: string) => {
        const r = await t.post('/login', { login, password: DEMO_PASSWORD })
        expect(r.status, login).toBe(303)
        return r.headers.get('set-cookie')!.split(';')[0]
      }
      const director = await signIn('director')
      const foreman = await signIn('foreman.volkov')
      const count = async (cookie: string, path: string, re: RegExp) =>
        ((await (await t.get(path, cookie)).text()).match(re) ?? []).length
      expect(await count(director, '/projects', /<tr id="project-\d+"/g)).toBe(25)
      expect(await count(director, '/customers', /<tr id="customer-\d+"/g)).toBe(12)
      expect(await count(director, '/documents', /<tr id="document-\d+"/g)).toBe(25)
      expect(await count(director, '/admin/audit', /id="audit-\d+"/g)).toBeGreaterThan(0)
      expect(await count(director, '/remarks', /<tr id="remark-\d+"/g)).toBe(25)
      expect(await count(director, '/worklog', /<tr id="worklog-\d+"/g)).toBe(25)
      expect(await count(director, '/stock/batches', /<tr id="batch-\d+"/g)).toBe(8)
      expect(await count(director, '/stock', /id="stock-alert-\d+"/g)).toBe(3)
      expect(await count(director, '/stock/consumption', /<tr id="consumption-\d+"/g)).toBe(3)
      expect(await count(director, '/stock/requests', /material-request-\d+/g)).toBeGreaterThan(3)
      expect(await count(director, '/shifts/team', /<tr id="team-\d+"/g)).toBeGreaterThan(3)
      const inspector = await signIn('inspector.fedorov')
      expect(await count(inspector, '/remarks?status=open', /<tr id="remark-\d+"/g)).toBe(24)
      const foremanProjects = await (await t.get('/projects?sort=code', foreman)).text()
      expect(foremanProjects).toContain('Р-01')
      expect(foremanProjects).not.toContain('>Р-02<')
      await seedDemo(t.db.db, (l) => lines.push(l), config)
      expect(lines.at(-1)).toContain('уже загружены')
    } finally {
      await t.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
