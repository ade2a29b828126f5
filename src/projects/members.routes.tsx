import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { parseId } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { addMember, removeMember } from './members.queries.ts'
import { loadProject } from './load-project.ts'
import type { Db } from '../db/connect.ts'

// A member row names a user or a group: the users whose access it gave.
async function affectedUsers(db: Db, m: { user_id: number | null; group_id: number | null }) {
  if (m.user_id) return [m.user_id]
  const rows = await db
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', m.group_id!)
    .execute()
  return rows.map((r) => r.user_id)
}

// Project access: users and groups who may see the project.
export const projectMemberRoutes = new Hono<AppEnv>()
projectMemberRoutes.use(requirePermission('projects.members'))

const project = (c: Ctx) => loadProject(c, { activeOnly: true })

projectMemberRoutes.post('/', async (c) => {
  const p = await project(c)
  if (!p) return renderError(c, 404)
  const body = await c.req.parseBody()
  const m = /^(user|group):(\d+)$/.exec(String(body.member ?? ''))
  if (!m) return redirectWithFlash(c, `/projects/${p.id}`, 'Выберите пользователя или группу')
  const db = c.get('db')
  const id = Number(m[2])
  const exists =
    m[1] === 'user'
      ? await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()
      : await db.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst()
  if (!exists)
    return redirectWithFlash(c, `/projects/${p.id}`, 'Такого пользователя или группы нет')
  const added = await addMember(db, actorOf(c), p.id, {
    userId: m[1] === 'user' ? id : null,
    groupId: m[1] === 'group' ? id : null,
  })
  return redirectWithFlash(
    c,
    `/projects/${p.id}`,
    added ? 'Участник добавлен' : 'Уже участник проекта',
  )
})

projectMemberRoutes.post('/:memberId/delete', async (c) => {
  const p = await project(c)
  const memberId = parseId(c.req.param('memberId'))
  if (!p || !memberId) return renderError(c, 404)
  const removed = await removeMember(c.get('db'), actorOf(c), p.id, memberId)
  if (removed) await c.get('deps').live.accessChanged(await affectedUsers(c.get('db'), removed))
  return redirectWithFlash(
    c,
    `/projects/${p.id}`,
    removed ? 'Участник убран' : 'Участник уже убран',
  )
})
