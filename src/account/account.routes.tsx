import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { passwordProblem, verifyPassword } from '../auth/passwords.ts'
import { invalidateUserSessions } from '../auth/sessions.ts'
import { readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { setPassword } from '../users/users.queries.ts'
import { AccountPage } from '../../views/account/AccountPage.tsx'

export const accountRoutes = new Hono<AppEnv>()

async function renderAccount(
  c: Ctx,
  form = { values: {} as FormValues, errors: {} as FieldErrors },
) {
  const user = userOf(c)
  const sessions = await c
    .get('db')
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('last_seen_at', 'desc')
    .limit(50)
    .execute()
  return c.render(
    <AccountPage
      user={user}
      sessions={sessions}
      currentId={c.get('session')?.id ?? ''}
      passwordForm={form}
    />,
    { title: 'Мой профиль' },
  )
}

accountRoutes.get('/', (c) => renderAccount(c))
accountRoutes.get('/password', (c) => renderAccount(c))

const passwordForm = z
  .object({
    current: z.string().min(1, 'Введите текущий пароль'),
    password: z.string(),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Пароли не совпадают' })

accountRoutes.post('/password', async (c) => {
  const user = userOf(c)
  const form = await readForm(await c.req.parseBody(), passwordForm)
  const errors = form.ok ? {} : { ...form.errors }
  if (form.ok) {
    const problem = passwordProblem(form.data.password, user.login)
    if (problem) errors.password = problem
    const row = await c
      .get('db')
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    if (!(await verifyPassword(row.password_hash, form.data.current)))
      errors.current = 'Текущий пароль введён неверно'
    if (form.data.password === form.data.current)
      errors.password ??= 'Новый пароль совпадает с текущим'
  }
  if (!form.ok || Object.keys(errors).length) {
    c.status(422)
    return renderAccount(c, { values: {}, errors })
  }
  await setPassword(c.get('db'), actorOf(c), user.id, form.data!.password, {
    keepSessionId: c.get('session')?.id,
  })
  await c.get('deps').live.sessionsChanged(user.id)
  return redirectWithFlash(c, '/account', 'Пароль изменён. Другие сеансы завершены.')
})

accountRoutes.post('/sessions/revoke-others', async (c) => {
  const user = userOf(c)
  await c
    .get('db')
    .transaction()
    .execute(async (trx) => {
      await invalidateUserSessions(trx, user.id, c.get('session')?.id)
      await audit(trx, actorOf(c), {
        action: 'auth.logout_others',
        entityType: 'user',
        entityId: user.id,
      })
    })
  await c.get('deps').live.sessionsChanged(user.id)
  return redirectWithFlash(c, '/account', 'Все другие сеансы завершены')
})

accountRoutes.post('/sessions/:id/revoke', async (c) => {
  const user = userOf(c)
  const id = c.req.param('id')
  const n = await c
    .get('db')
    .transaction()
    .execute(async (trx) => {
      const r = await trx
        .deleteFrom('sessions')
        .where('id', '=', id)
        .where('user_id', '=', user.id)
        .executeTakeFirst()
      if (r.numDeletedRows > 0n)
        await audit(trx, actorOf(c), { action: 'auth.logout', entityType: 'session', entityId: id })
      return r.numDeletedRows
    })
  if (n > 0n) await c.get('deps').live.sessionsChanged(user.id)
  return redirectWithFlash(c, '/account', n > 0n ? 'Сеанс завершён' : 'Сеанс уже завершён')
})
