import type { Actor } from '../../src/app-env.ts'
import { loadCurrentUser } from '../../src/auth/load-user.ts'
import type { Role } from '../../src/auth/roles.ts'
import { createSession } from '../../src/auth/sessions.ts'
import type { Db } from '../../src/db/connect.ts'
import { loadSecret, StreamSigner } from '../../src/live/signing.ts'
import { PROJECTS_STREAM } from '../../src/projects/projects.live.tsx'
import { createProject, usersWhoSeeProject } from '../../src/projects/projects.queries.ts'
import { DEFAULT_CONTRACTOR, projectForm } from '../../src/projects/projects.schema.ts'
import { seedDemo } from '../../src/seed/demo.ts'
import { createUser } from '../../src/users/users.queries.ts'

// The people whose pages hold the sockets: every role that may read projects, so the hub sees
// both permission variants of a list row (with and without the edit link) and has to ask the
// database who of the members-only roles may see the project.
export const SOCKET_ROLES: Role[] = [
  'admin',
  'director',
  'project_manager',
  'project_manager',
  'site_chief',
  'pto_engineer',
  'foreman',
  'storekeeper',
  'inspector',
  'viewer',
]

// On top of the 50-project demo: a list of a size a real company reaches in a few years.
export const EXTRA_PROJECTS = 200
// The projects the benchmark edits, in turn; every socket's user may see all of them.
export const BENCH_PROJECTS = 3

export interface Session {
  login: string
  role: Role
  cookie: string // the Cookie header value: sid=<token>
}

export interface Fixtures {
  author: Session // posts the edits (an admin)
  reader: Session // opens /projects in the HTTP benchmark (the director sees every project)
  viewers: Session[] // one session per socket user; sockets are spread over them
  projects: { id: number; code: string; version: number }[]
  streamToken: string // 'projects' signed with the database's secret, as a page would embed it
}

const SYSTEM: Actor = { userId: null, ip: 'bench', requestId: null }
const SESSION_META = { ip: '127.0.0.1', userAgent: 'strod-bench', days: 1 }

// The project form as a browser posts it (strings); the edit benchmark posts the same fields.
export const benchProjectFields = (
  code: string,
  shortName: string,
  status = 'active',
): Record<string, string> => ({
  contractor: DEFAULT_CONTRACTOR,
  name: `Нанесение дорожной разметки, объект ${code}`,
  short_name: shortName,
  code,
  status,
  contract_number: `${code}/26-ДР`,
  start_date: '2026-05-01',
  end_date: '2026-08-31',
  length_km: '12,5',
  plan_tp: '15000',
})

const benchProjectForm = (code: string, shortName: string, status = 'active') =>
  projectForm.parseAsync(benchProjectFields(code, shortName, status))

async function session(db: Db, userId: number, login: string, role: Role): Promise<Session> {
  const { token } = await createSession(db, userId, SESSION_META)
  return { login, role, cookie: `sid=${token}` }
}

// Everything goes through the app's own functions, so the rows look exactly like real ones.
export async function prepareFixtures(db: Db): Promise<Fixtures> {
  await seedDemo(db, () => {})
  const password = 'bench-password-not-for-humans'
  const authorId = await createUser(db, SYSTEM, {
    login: 'bench.author',
    full_name: 'Бенчмарк Автор',
    password,
    role: 'admin',
  })
  const author = (await loadCurrentUser(db, authorId))!
  const actor: Actor = { userId: authorId, ip: 'bench', requestId: null }

  for (let i = 1; i <= EXTRA_PROJECTS; i++) {
    const statuses = ['active', 'planned', 'completed', 'suspended']
    await createProject(
      db,
      actor,
      author,
      await benchProjectForm(`X-${i}`, `Дорога X-${i} км ${i}`, statuses[i % 4]),
    )
  }

  const viewers: Session[] = []
  const viewerIds: number[] = []
  for (const [i, role] of SOCKET_ROLES.entries()) {
    const login = `bench.${role}.${i}`
    const id = await createUser(db, SYSTEM, {
      login,
      full_name: `Бенч ${role} ${i}`,
      password,
      role,
    })
    viewerIds.push(id)
    viewers.push(await session(db, id, login, role))
  }

  const projects: Fixtures['projects'] = []
  for (let i = 1; i <= BENCH_PROJECTS; i++) {
    const code = `BENCH-${i}`
    const p = await createProject(db, actor, author, await benchProjectForm(code, `Bench ${i}`))
    projects.push({ id: p.id, code, version: p.version })
    // Members-only roles see the project through direct membership, as a real project team.
    await db
      .insertInto('project_members')
      .values(
        viewerIds.map((user_id) => ({
          project_id: p.id,
          user_id,
          group_id: null,
          created_at: new Date().toISOString(),
          created_by: authorId,
        })),
      )
      .execute()
    await assertEveryoneSees(db, p.id, viewerIds)
  }

  const directorRow = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'director')
    .executeTakeFirstOrThrow()
  const reader = await session(db, directorRow.id, 'director', 'director')
  const signer = new StreamSigner(await loadSecret(db))
  return {
    author: await session(db, authorId, 'bench.author', 'admin'),
    reader,
    viewers,
    projects,
    streamToken: signer.sign(PROJECTS_STREAM),
  }
}

// "Last socket" only means something if every socket is meant to get the row.
async function assertEveryoneSees(db: Db, projectId: number, userIds: number[]) {
  const users = await Promise.all(userIds.map((id) => loadCurrentUser(db, id)))
  const allowed = await usersWhoSeeProject(
    db,
    projectId,
    users.filter((u) => u !== null),
  )
  const missing = userIds.filter((id) => !allowed.has(id))
  if (missing.length) throw new Error(`bench users ${missing} cannot see project ${projectId}`)
}
