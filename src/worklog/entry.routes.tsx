import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { can, visibleProjects } from '../auth/current-user.ts'
import { setDeleted } from '../db/soft-delete.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import { moscowToday } from '../documents/state.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDate } from '../lib/format.ts'
import { parseId, readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { lockRoutes } from '../live/lock.routes.tsx'
import type { LockInfo } from '../live/locks.ts'
import { lockForEdit, lockOfPost } from '../live/record-lock.ts'
import { fillRatioOf } from '../reference/area.ts'
import { EditActions } from '../../views/components/EditActions.tsx'
import { loadFor } from '../auth/load-for.ts'
import { LockHeartbeat } from '../../views/live/LockHeartbeat.tsx'
import { EditLockNotice } from '../../views/live/LockNotice.tsx'
import { publishEntries, worklogStream } from './worklog.live.tsx'
import { prepareLines } from './worklog.queries.ts'
import { entryHead, entryLine } from './worklog.schema.ts'
import { activeMarkingTypes, activeMaterials } from '../reference/lists.ts'

// One work-log line: corrected under the edit lock and a version check, or deleted (restorable).
export const worklogEntryRoutes = new Hono<AppEnv>()

async function loadEntry(c: Ctx) {
  const id = parseId(c.req.param('id'))
  const user = userOf(c)
  if (!id || !can(user, 'worklog.read')) return null
  return (
    (await c
      .get('db')
      .selectFrom('worklog_entries as w')
      .innerJoin('projects', 'projects.id', 'w.project_id')
      .selectAll('w')
      .select('projects.code as project_code')
      .where('w.id', '=', id)
      .where('w.deleted_at', 'is', null)
      .where(visibleProjects(user))
      .executeTakeFirst()) ?? null
  )
}
type Entry = NonNullable<Awaited<ReturnType<typeof loadEntry>>>

const lockProps = (e: Entry, c: Ctx, lock: LockInfo | null) => ({
  baseId: `worklog-${e.id}`,
  lock,
  me: userOf(c),
  canEdit: can(userOf(c), 'worklog.write'),
  canBreak: can(userOf(c), 'locks.break'),
  editHref: `/worklog/entries/${e.id}`,
  breakAction: `/worklog/entries/${e.id}/lock/break`,
})

async function page(
  c: Ctx,
  e: Entry,
  form: { values: FormValues; errors: FieldErrors },
  version: number,
  lock: LockInfo | null,
  token?: string,
) {
  const db = c.get('db')
  const [types, materials] = await Promise.all([activeMarkingTypes(db), activeMaterials(db)])
  const v = form.values
  const err = (n: string) => form.errors[n] && <p class="field-error">{form.errors[n]}</p>
  const readOnly = !!lock && lock.user_id !== userOf(c).id
  return c.render(
    <div class="mx-auto max-w-xl space-y-3">
      <h1 class="text-xl font-semibold">
        Строка журнала {e.project_code}, {formatDate(e.work_date)}
      </h1>
      <EditLockNotice {...lockProps(e, c, lock)} />
      {token && <LockHeartbeat token={token} />}
      <form method="post" action={`/worklog/entries/${e.id}`} class="card space-y-2" data-area-form>
        <input type="hidden" name="version" value={String(version)} />
        {form.errors._form && (
          <p role="alert" class="rounded bg-red-50 px-3 py-2 text-red-900">
            {form.errors._form}
          </p>
        )}
        <fieldset disabled={readOnly} class="space-y-2" data-area-line>
          <input
            type="date"
            name="work_date"
            value={v.work_date ?? ''}
            class="input"
            aria-label="Дата"
          />
          {err('work_date')}
          <input
            name="section"
            value={v.section ?? ''}
            class="input"
            placeholder="Участок (км, пикет)"
            aria-label="Участок"
          />
          <select name="material_code" class="input" aria-label="Материал">
            {materials.map((m) => (
              <option value={m.code} selected={v.material_code === m.code}>
                {m.short_name}
              </option>
            ))}
          </select>
          <select name="marking_type_id" class="input" aria-label="Тип разметки" data-area-type>
            {types.map((t) => (
              <option
                value={String(t.id)}
                selected={v.marking_type_id === String(t.id)}
                data-kind={t.kind}
                data-width={t.width_m ?? ''}
                data-lines={t.lines}
                data-fill={t.kind === 'line' ? fillRatioOf(t) : 1}
                data-piece={t.piece_area_m2 ?? ''}
              >
                {t.code} {t.name}
              </option>
            ))}
          </select>
          <input
            name="width"
            value={v.width ?? ''}
            class="input"
            inputmode="decimal"
            placeholder="Ширина, м"
            aria-label="Ширина, м"
            data-area-width
          />
          {err('width')}
          <input
            name="metres"
            value={v.metres ?? ''}
            class="input"
            inputmode="decimal"
            placeholder="Длина, м"
            aria-label="Длина, м"
            data-area-metres
          />
          {err('metres')}
          <input
            name="pieces"
            value={v.pieces ?? ''}
            class="input"
            inputmode="numeric"
            placeholder="Штук"
            aria-label="Штук"
            data-area-pieces
          />
          {err('pieces')}
          <input
            name="notes"
            value={v.notes ?? ''}
            class="input"
            placeholder="Примечание"
            aria-label="Примечание"
          />
          <output class="block font-semibold" data-area-out></output>
        </fieldset>
        <EditActions
          cancelHref={`/projects/${e.project_id}/worklog`}
          lockToken={token}
          releaseAction={`/worklog/entries/${e.id}/lock/release`}
          readOnly={readOnly}
        />
      </form>
      {!readOnly && (
        <form method="post" action={`/worklog/entries/${e.id}/delete`}>
          <button class="btn btn-danger" type="submit">
            Удалить строку
          </button>
        </form>
      )}
    </div>,
    { title: 'Строка журнала', streams: [worklogStream(e.project_id)] },
  )
}

const valuesOf = (e: Entry): FormValues => ({
  work_date: e.work_date,
  section: e.section ?? '',
  material_code: e.material_code,
  marking_type_id: String(e.marking_type_id),
  width: e.width_m != null ? String(e.width_m).replace('.', ',') : '',
  metres: e.metres != null ? String(e.metres).replace('.', ',') : '',
  pieces: e.pieces != null ? String(e.pieces) : '',
  notes: e.notes ?? '',
})

worklogEntryRoutes.get('/:id', async (c) => {
  const { record: e, res } = await loadFor(c, loadEntry, 'worklog.write')
  if (!e) return res
  const { lock, token } = await lockForEdit(c, 'worklog', e.id)
  return page(c, e, { values: valuesOf(e), errors: {} }, e.version, lock, token)
})

worklogEntryRoutes.post('/:id', async (c) => {
  const { record: e, res } = await loadFor(c, loadEntry, 'worklog.write')
  if (!e) return res
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const { token, lock } = await lockOfPost(c, 'worklog', e.id, body)
  const head = await readForm(body, entryHead)
  const line = await readForm(body, entryLine)
  const values = { ...head.values }
  if (!head.ok || !line.ok) {
    c.status(422)
    return page(
      c,
      e,
      { values, errors: { ...(head.ok ? {} : head.errors), ...(line.ok ? {} : line.errors) } },
      version,
      lock,
      token,
    )
  }
  const prepared = await prepareLines(
    c.get('db'),
    { ...head.data, crew_id: e.crew_id, confirm: '1' },
    [{ index: 0, line: line.data }],
    moscowToday(),
  )
  const errors = Object.fromEntries(
    Object.entries(prepared.errors).map(([k, v]) => [k.replace(/^l0_/, ''), v]),
  )
  if (Object.keys(errors).length || !prepared.entries.length) {
    c.status(422)
    return page(c, e, { values, errors }, version, lock, token)
  }
  const saved = await updateVersioned(
    c.get('db'),
    actorOf(c),
    { table: 'worklog_entries', entity: 'worklog', id: e.id, version, lockToken: token },
    () => ({ ...prepared.entries[0] }),
  )
  if (!saved.ok) {
    c.status(409)
    return page(
      c,
      e,
      {
        values,
        errors: {
          _form:
            'Строку уже изменил другой пользователь. Откройте её заново — ваши данные не записаны.',
        },
      },
      version,
      lock,
      token,
    )
  }
  const live = c.get('deps').live
  await publishEntries(live, e.project_id, [e.id], 'changed')
  if (token) await live.publishLock('worklog', e.id)
  return redirectWithFlash(c, `/projects/${e.project_id}/worklog`, 'Строка исправлена')
})

worklogEntryRoutes.post('/:id/delete', async (c) => {
  const { record: e, res } = await loadFor(c, loadEntry, 'worklog.write')
  if (!e) return res
  await setDeleted(c.get('db'), actorOf(c), 'worklog_entries', 'worklog', e.id, true)
  await publishEntries(c.get('deps').live, e.project_id, [e.id], 'changed')
  return redirectWithFlash(c, `/projects/${e.project_id}/worklog`, 'Строка удалена')
})

worklogEntryRoutes.route(
  '/:id/lock',
  lockRoutes({ type: 'worklog', find: loadEntry, href: (id) => `/worklog/entries/${id}` }),
)
