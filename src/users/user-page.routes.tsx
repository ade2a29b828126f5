import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { can } from '../auth/current-user.ts'
import { permissionsOf } from '../auth/permissions.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { parseId } from '../lib/forms.ts'
import { addMember, removeMember } from '../projects/members.queries.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { AdminPage } from '../../views/users/AdminNav.tsx'
import { UserPage } from '../../views/users/UserPage.tsx'
import {
  isOnline,
  userActivity,
  userGroups,
  userProjects,
  userSessions,
} from './user-page.queries.ts'
import { findUser } from './users.queries.ts'
import type { UserRow } from './users.table.ts'

// One user's page for the administrator, and the access changes made from it. Mounted inside
// adminUserRoutes (permission users.manage).
export const userPageRoutes = new Hono<AppEnv>()

async function loadUser(c: Ctx): Promise<UserRow | null> {
  const id = parseId(c.req.param('id'))
  const row = id ? await findUser(c.get('db'), id) : undefined
  return row && !row.deleted_at ? row : null
}

userPageRoutes.get('/:id', async (c) => {
  const u = await loadUser(c)
  if (!u) return renderError(c, 404)
  const db = c.get('db')
  const [online, groups, projects, activity, sessions, options] = await Promise.all([
    isOnline(db, u.id),
    userGroups(db, u.id),
    userProjects(db, u.id),
    userActivity(db, u.id),
    userSessions(db, u.id),
    db
      .selectFrom('projects')
      .select(['id', 'code', 'short_name'])
      .where('deleted_at', 'is', null)
      .where('status', 'in', ['active', 'planned'])
      .orderBy('code')
      .limit(1000)
      .execute(),
  ])
  const mine = new Set(projects.filter((p) => !p.group_id).map((p) => p.id))
  const allProjects = (await permissionsOf(db, u.role)).has('projects.all')
  return c.render(
    <AdminPage user={userOf(c)} current="users" title={u.full_name}>
      <UserPage
        u={u}
        online={online}
        groups={groups}
        projects={projects}
        allProjects={allProjects}
        projectOptions={options.filter((o) => !mine.has(o.id))}
        activity={activity}
        sessions={sessions}
        canReadAudit={can(userOf(c), 'audit.read')}
      />
    </AdminPage>,
    { title: u.full_name },
  )
})

// Access given to the user in person (a group's access is changed on the group or project).
userPageRoutes.post('/:id/projects', async (c) => {
  const u = await loadUser(c)
  if (!u) return renderError(c, 404)
  const projectId = parseId(String((await c.req.parseBody()).project_id ?? ''))
  const back = `/admin/users/${u.id}`
  const project =
    projectId &&
    (await c
      .get('db')
      .selectFrom('projects')
      .select(['id', 'code'])
      .where('id', '=', projectId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst())
  if (!project) return redirectWithFlash(c, back, 'Выберите проект')
  const added = await addMember(c.get('db'), actorOf(c), project.id, {
    userId: u.id,
    groupId: null,
  })
  if (added) await c.get('deps').live.accessChanged([u.id])
  return redirectWithFlash(
    c,
    back,
    added ? `Доступ к проекту ${project.code} открыт` : 'Доступ уже есть',
  )
})

userPageRoutes.post('/:id/projects/:memberId/delete', async (c) => {
  const u = await loadUser(c)
  const memberId = parseId(c.req.param('memberId'))
  if (!u || !memberId) return renderError(c, 404)
  const member = await c
    .get('db')
    .selectFrom('project_members')
    .select(['id', 'project_id'])
    .where('id', '=', memberId)
    .where('user_id', '=', u.id)
    .executeTakeFirst()
  if (!member) return renderError(c, 404)
  const removed = await removeMember(c.get('db'), actorOf(c), member.project_id, member.id)
  // Their open pages of that project lose it at once, on every process.
  if (removed) await c.get('deps').live.accessChanged([u.id])
  return redirectWithFlash(c, `/admin/users/${u.id}`, 'Доступ к проекту закрыт')
})

userPageRoutes.post('/:id/sessions/:sid/revoke', async (c) => {
  const u = await loadUser(c)
  if (!u) return renderError(c, 404)
  const ended = await revokeSession(c, c.req.param('sid'), u.id)
  return redirectWithFlash(
    c,
    `/admin/users/${u.id}`,
    ended ? 'Сеанс завершён' : 'Сеанс уже завершён',
  )
})

// An administrator ends someone's session: audited, and the pages of it close at once.
export async function revokeSession(c: Ctx, sessionId: string, userId?: number) {
  const db = c.get('db')
  const row = await db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('sessions').where('id', '=', sessionId)
    if (userId) q = q.where('user_id', '=', userId)
    const gone = await q.returning(['id', 'user_id', 'ip', 'user_agent']).executeTakeFirst()
    if (gone)
      await audit(trx, actorOf(c), {
        action: 'session.revoke',
        entityType: 'user',
        entityId: gone.user_id,
        before: gone,
      })
    return gone
  })
  if (row) await c.get('deps').live.sessionsChanged(row.user_id)
  return !!row
}
