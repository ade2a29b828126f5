import type { TestApp } from './app.ts'

// A valid project form; override what the test is about.
export const projectFields = (over: Record<string, string> = {}): Record<string, string> => ({
  contractor: 'ООО «Строд-Сервис Технолоджи»',
  name: 'Нанесение разметки на автодороге Р-22 «Каспий», км 10 — км 20',
  short_name: 'Р-22 «Каспий» км 10',
  code: `P-${Math.random().toString(36).slice(2, 8)}`,
  status: 'active',
  ...over,
})

export async function makeProject(t: TestApp, cookie: string, over: Record<string, string> = {}) {
  const r = await t.post('/projects', projectFields(over), cookie)
  if (r.status !== 303) throw new Error(`project not created: ${r.status} ${await r.text()}`)
  return Number(r.headers.get('location')!.split('/').pop())
}

export async function addMember(
  t: TestApp,
  adminCookie: string,
  projectId: number,
  userId: number,
) {
  const r = await t.post(
    `/projects/${projectId}/members`,
    { member: `user:${userId}` },
    adminCookie,
  )
  if (r.status !== 303) throw new Error(`member not added: ${r.status}`)
}
