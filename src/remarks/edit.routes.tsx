import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { formValuesOf, readForm, type FormValues } from '../lib/forms.ts'
import type { LockInfo } from '../live/locks.ts'
import { lockForEdit, lockOfPost } from '../live/record-lock.ts'
import { publishNotifications } from '../notifications/notifications.live.tsx'
import { notify } from '../notifications/notifications.queries.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { loadFor } from '../auth/load-for.ts'
import { LockHeartbeat } from '../../views/live/LockHeartbeat.tsx'
import { EditLockNotice } from '../../views/live/LockNotice.tsx'
import { RemarkForm } from '../../views/remarks/RemarkForm.tsx'
import { remarkLockProps } from '../../views/remarks/RemarkPage.tsx'
import { assignableUsers, loadRemark } from './access.ts'
import { publishRemark, remarkStream } from './remarks.live.tsx'
import type { RemarkRow } from './remarks.queries.ts'
import { REMARK_FIELDS, remarkForm } from './remarks.schema.ts'
import { updateRemark } from './workflow.ts'

// Editing a remark's card (text, priority, assignee, deadline): remarks.manage, with the lock.
export const remarkEditRoutes = new Hono<AppEnv>()
const NAMES = REMARK_FIELDS.map(([n]) => n)

async function renderEdit(
  c: Ctx,
  r: RemarkRow,
  form: FormState,
  version: number,
  lock: LockInfo | null,
  token?: string,
) {
  const me = userOf(c)
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Замечание {r.number}: изменение</h1>
      <EditLockNotice {...remarkLockProps(r, me, lock)} />
      {token && <LockHeartbeat token={token} />}
      <RemarkForm
        form={form}
        action={`/remarks/${r.id}`}
        cancelHref={`/remarks/${r.id}`}
        users={await assignableUsers(c.get('db'))}
        version={version}
        lockToken={token}
        releaseAction={`/remarks/${r.id}/lock/release`}
        readOnly={!!lock && lock.user_id !== me.id}
      />
    </div>,
    { title: r.number, streams: [remarkStream(r.id)] },
  )
}

remarkEditRoutes.get('/edit', async (c) => {
  const { record: r, res } = await loadFor(c, loadRemark, 'remarks.manage')
  if (!r) return res
  const { lock, token } = await lockForEdit(c, 'remark', r.id)
  return renderEdit(c, r, emptyForm(formValuesOf(r, NAMES)), r.version, lock, token)
})

async function renderConflict(c: Ctx, r: RemarkRow, typed: FormValues) {
  const fresh = (await loadRemark(c))!
  const saved = formValuesOf(fresh, NAMES)
  const by = await c
    .get('db')
    .selectFrom('remarks')
    .select('updated_by')
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow()
  c.status(409)
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Замечание {r.number}</h1>
      <ConflictView
        action={`/remarks/${r.id}`}
        currentVersion={fresh.version}
        updatedBy={await userDisplayName(c.get('db'), by.updated_by)}
        updatedAt={formatDateTime(fresh.updated_at)}
        fields={REMARK_FIELDS.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: typed[name] ?? '',
        }))}
        typed={typed}
        cancelHref={`/remarks/${r.id}`}
      />
    </div>,
    { title: r.number },
  )
}

remarkEditRoutes.post('/', async (c) => {
  const { record: r, res } = await loadFor(c, loadRemark, 'remarks.manage')
  if (!r) return res
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const { token, lock } = await lockOfPost(c, 'remark', r.id, body)
  const form = await readForm(body, remarkForm)
  if (!form.ok) {
    c.status(422)
    return renderEdit(c, r, form, version, lock, token)
  }
  const db = c.get('db')
  const assignee = form.data.assignee_id ? await userDisplayName(db, form.data.assignee_id) : null
  const saved = await updateRemark(db, actorOf(c), r.id, version, form.data, { assignee }, token)
  if (!saved.ok) return renderConflict(c, r, form.values)
  const live = c.get('deps').live
  const newAssignee = saved.row.assignee_id
  if (newAssignee && newAssignee !== r.assignee_id && newAssignee !== userOf(c).id) {
    await notify(db, [newAssignee], {
      kind: 'remark.assigned',
      title: `Вам назначено замечание ${r.number}`,
      body: saved.row.title,
      href: `/remarks/${r.id}`,
    })
    await publishNotifications(live, [newAssignee])
  }
  await publishRemark(live, r.project_id, r.id)
  if (token) await live.publishLock('remark', r.id)
  return redirectWithFlash(c, `/remarks/${r.id}`, 'Изменения сохранены')
})
