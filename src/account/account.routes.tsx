import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { passwordProblem, verifyPassword } from '../auth/passwords.ts'
import { invalidateUserSessions } from '../auth/sessions.ts'
import { formValuesOf, readForm } from '../lib/forms.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { setPassword } from '../users/users.queries.ts'
import { AccountPage } from '../../views/account/AccountPage.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import {
  NOTIFICATION_GROUPS,
  PROFILE_FIELDS,
  mutedOf,
  profileForm,
  updateProfile,
} from './profile.ts'

export const accountRoutes = new Hono<AppEnv>()

interface AccountForms {
  password?: FormState
  profile?: FormState
}

async function renderAccount(c: Ctx, forms: AccountForms = {}) {
  const user = userOf(c)
  const db = c.get('db')
  const [sessions, me] = await Promise.all([
    db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .orderBy('last_seen_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('users')
      .select(['full_name', 'email', 'phone', 'version', 'muted_kinds'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow(),
  ])
  return c.render(
    <AccountPage
      user={user}
      sessions={sessions}
      currentId={c.get('session')?.id ?? ''}
      passwordForm={forms.password ?? emptyForm()}
      profileForm={
        forms.profile ??
        emptyForm({ ...formValuesOf(me, [...PROFILE_FIELDS]), version: String(me.version) })
      }
      muted={mutedOf(me.muted_kinds)}
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
    return renderAccount(c, { password: { values: {}, errors } })
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

accountRoutes.post('/profile', async (c) => {
  const user = userOf(c)
  const form = await readForm(await c.req.parseBody(), profileForm)
  if (!form.ok) {
    c.status(422)
    return renderAccount(c, { profile: form })
  }
  const saved = await updateProfile(c.get('db'), actorOf(c), user.id, form.data)
  if (!saved.ok) {
    c.status(409)
    const message = 'Профиль только что изменил администратор. Проверьте поля и сохраните снова.'
    return renderAccount(c, {
      profile: {
        values: { ...form.values, version: String(saved.current.version) },
        errors: { _form: message },
      },
    })
  }
  return redirectWithFlash(c, '/account', 'Профиль сохранён')
})

// Which in-app notifications to receive: the boxes left unticked are muted.
accountRoutes.post('/notifications', async (c) => {
  const user = userOf(c)
  const body = await c.req.parseBody({ all: true })
  const on = new Set([body.on ?? []].flat().map(String))
  const muted = NOTIFICATION_GROUPS.map(([k]) => k).filter((k) => !on.has(k))
  await c
    .get('db')
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('users')
        .select('muted_kinds')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('users')
        .set({ muted_kinds: JSON.stringify(muted) })
        .where('id', '=', user.id)
        .execute()
      await audit(trx, actorOf(c), {
        action: 'user.notifications',
        entityType: 'user',
        entityId: user.id,
        before: { muted_kinds: mutedOf(before.muted_kinds) },
        after: { muted_kinds: muted },
      })
    })
  return redirectWithFlash(c, '/account', 'Настройки уведомлений сохранены')
})
