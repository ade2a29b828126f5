import { Hono, type MiddlewareHandler } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { formatDateTime } from '../lib/format.ts'
import { parseId, readForm, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { userDisplayName } from '../users/users.queries.ts'
import { ConflictView } from '../../views/components/ConflictView.tsx'
import { emptyForm, type FormState } from '../../views/components/Field.tsx'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { CorrectionForm } from '../../views/shifts/CorrectionForm.tsx'
import { ShiftFlags } from '../../views/shifts/TimesheetPage.tsx'
import { managesShifts } from './access.ts'
import { formatDuration, moscowMonth, shiftMinutes, toMoscowInput } from './hours.ts'
import { correctionForm, type CorrectionForm as Correction } from './shifts.schema.ts'
import { findShiftFor, overlappingShift, type FoundShift } from './shifts.queries.ts'

// A site chief, the director or the admin corrects a shift's start and end, with a reason.
export const correctionRoutes = new Hono<AppEnv>()

const MAX_SHIFT_HOURS = 24

const mayCorrect: MiddlewareHandler<AppEnv> = async function mayCorrect(c, next) {
  if (!managesShifts(userOf(c))) return renderError(c, 403)
  await next()
}

const loadShift = (c: Ctx) => {
  const id = parseId(c.req.param('id'))
  return id ? findShiftFor(c.get('db'), userOf(c), id) : Promise.resolve(undefined)
}

const valuesOf = (s: Pick<FoundShift, 'started_at' | 'ended_at' | 'correction_reason'>) => ({
  started_at: toMoscowInput(s.started_at),
  ended_at: s.ended_at ? toMoscowInput(s.ended_at) : '',
  reason: s.correction_reason ?? '',
})

const backTo = (s: FoundShift) =>
  `/shifts?user=${s.user_id}&month=${moscowMonth(new Date(s.started_at))}`

function renderEdit(c: Ctx, s: FoundShift, form: FormState, version: number) {
  const now = new Date()
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Исправление смены: {s.user_name}</h1>
      <p class="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        Сейчас: {formatDateTime(s.started_at)} – {s.ended_at ? formatDateTime(s.ended_at) : '…'} (
        {formatDuration(shiftMinutes(s, now))}) <ShiftFlags s={{ ...s, corrected_by_name: null }} />
      </p>
      <CorrectionForm
        id={s.id}
        form={form}
        version={version}
        isOpen={!s.ended_at}
        cancelHref={backTo(s)}
      />
    </div>,
    { title: 'Исправление смены' },
  )
}

// What the form alone cannot tell: the order of the times, the clock, the other shifts.
async function problemsOf(
  c: Ctx,
  s: FoundShift,
  d: Pick<Correction, 'started_at' | 'ended_at'>,
): Promise<FieldErrors | null> {
  const now = new Date().toISOString()
  const e: FieldErrors = {}
  if (!d.ended_at && s.ended_at) e.ended_at = 'Укажите окончание смены'
  if (d.started_at > now) e.started_at = 'Начало смены в будущем'
  if (d.ended_at && d.ended_at < d.started_at) e.ended_at = 'Окончание смены раньше начала'
  else if (d.ended_at === d.started_at) e.ended_at = 'Окончание совпадает с началом'
  else if (d.ended_at && d.ended_at > now) e.ended_at = 'Окончание смены в будущем'
  else if (
    d.ended_at &&
    Date.parse(d.ended_at) - Date.parse(d.started_at) > MAX_SHIFT_HOURS * 3600_000
  )
    e.ended_at = `Смена длиннее ${MAX_SHIFT_HOURS} ч — проверьте даты`
  if (Object.keys(e).length) return e
  const other = await overlappingShift(c.get('db'), s, d.started_at, d.ended_at)
  if (!other) return null
  const span = `${formatDateTime(other.started_at)} – ${other.ended_at ? formatDateTime(other.ended_at) : 'идёт'}`
  return {
    _form: `Пересекается с другой сменой этого сотрудника: ${span}`,
    started_at: `Пересекается со сменой ${span}`,
  }
}

function renderConflict(c: Ctx, current: FoundShift, typed: FormValues, updatedBy: string) {
  const saved = valuesOf(current)
  const labels: [keyof typeof saved, string][] = [
    ['started_at', 'Начало'],
    ['ended_at', 'Окончание'],
    ['reason', 'Причина исправления'],
  ]
  c.status(409)
  return c.render(
    <div class="space-y-3">
      <h1 class="text-2xl font-semibold">Исправление смены: {current.user_name}</h1>
      <ConflictView
        action={`/shifts/${current.id}`}
        currentVersion={current.version}
        updatedBy={updatedBy}
        updatedAt={formatDateTime(current.updated_at)}
        fields={labels.map(([name, label]) => ({
          name,
          label,
          theirs: saved[name],
          mine: typed[name] ?? '',
        }))}
        typed={typed}
        cancelHref={backTo(current)}
      />
    </div>,
    { title: 'Исправление смены' },
  )
}

correctionRoutes.get('/:id{[0-9]+}/edit', mayCorrect, async (c) => {
  const s = await loadShift(c)
  if (!s) return renderError(c, 404)
  return renderEdit(c, s, emptyForm(valuesOf(s)), s.version)
})

correctionRoutes.post('/:id{[0-9]+}', mayCorrect, async (c) => {
  const s = await loadShift(c)
  if (!s) return renderError(c, 404)
  const body = await c.req.parseBody()
  const version = Number(body.version) || 0
  const form = await readForm(body, correctionForm)
  // Times that parsed are checked even when the reason is missing: all messages at once.
  const times = correctionForm.omit({ reason: true }).safeParse(form.values)
  const problems = times.success ? await problemsOf(c, s, times.data) : null
  const errors = form.ok ? problems : { ...form.errors, ...problems }
  if (!form.ok || errors) {
    c.status(422)
    return renderEdit(c, s, { values: form.values, errors: errors ?? {} }, version)
  }
  const { started_at, ended_at, reason } = form.data
  const db = c.get('db')
  const saved = await updateVersioned(
    db,
    actorOf(c),
    { table: 'work_sessions', entity: 'work_session', id: s.id, version },
    () => ({ started_at, ended_at, correction_reason: reason, corrected_by: userOf(c).id }),
    async () => ({ action: 'shift.update' }),
  )
  if (!saved.ok) {
    const current = { ...s, ...saved.current }
    return renderConflict(c, current, form.values, await userDisplayName(db, current.updated_by))
  }
  return redirectWithFlash(c, backTo({ ...s, ...saved.row }), 'Смена исправлена')
})
