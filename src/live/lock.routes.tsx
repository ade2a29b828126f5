import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { requirePermission } from '../auth/middleware.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { breakLock, currentLock } from './locks.ts'

// Cancel (release my lock) and break (a director frees someone else's) for any record type.
// find() is the feature's own finder through the user: no access means 404.
export function lockRoutes(opts: {
  type: string
  find: (c: Ctx) => Promise<{ id: number } | null>
  href: (id: number) => string
}) {
  const r = new Hono<AppEnv>()

  r.post('/release', async (c) => {
    const rec = await opts.find(c)
    if (!rec) return renderError(c, 404)
    const body = await c.req.parseBody()
    const token = typeof body.lock_token === 'string' ? body.lock_token : ''
    const db = c.get('db')
    const released = await db
      .deleteFrom('edit_locks')
      .where('token', '=', token)
      .where('user_id', '=', userOf(c).id)
      .returning('entity_id')
      .executeTakeFirst()
    if (released) await c.get('deps').live.publishLock(opts.type, rec.id)
    return c.redirect(opts.href(rec.id), 303)
  })

  r.post('/break', requirePermission('locks.break'), async (c) => {
    const rec = await opts.find(c)
    if (!rec) return renderError(c, 404)
    const db = c.get('db')
    const holder = await currentLock(db, opts.type, rec.id)
    await db.transaction().execute(async (trx) => {
      const broken = await breakLock(trx, opts.type, rec.id)
      if (broken)
        await audit(trx, actorOf(c), {
          action: 'lock.break',
          entityType: opts.type,
          entityId: rec.id,
          before: { user_id: broken.user_id },
        })
    })
    await c.get('deps').live.publishLock(opts.type, rec.id)
    const who = holder ? `у пользователя ${holder.full_name}` : ''
    return redirectWithFlash(c, opts.href(rec.id), `Блокировка снята ${who}`.trim())
  })

  return r
}
