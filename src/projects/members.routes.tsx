import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { parseId } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { addMember, removeMember } from './members.queries.ts'
import { findProjectFor } from './projects.queries.ts'

// Project access: users and groups who may see the project.
export const projectMemberRoutes = new Hono<AppEnv>()
projectMemberRoutes.use(requirePermission('projects.members'))

async function project(c: Ctx) {
  const id = parseId(c.req.param('id'))
  const p = id ? await findProjectFor(c.get('db'), userOf(c), id) : null
  return p && !p.deleted_at ? p : null
}

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
  return redirectWithFlash(
    c,
    `/projects/${p.id}`,
    removed ? 'Участник убран' : 'Участник уже убран',
  )
})
