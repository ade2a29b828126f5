import type { Child } from 'hono/jsx'
import { can, type CurrentUser } from '../../src/auth/current-user.ts'
import type { LockInfo } from '../../src/live/locks.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { formatDate, formatDateTime } from '../../src/lib/format.ts'
import type { RemarkEvent, RemarkPhoto, RemarkRow } from '../../src/remarks/remarks.queries.ts'
import { PRIORITIES, STATUSES } from '../../src/remarks/remarks.schema.ts'
import type { RemarkStatus } from '../../src/remarks/remarks.table.ts'
import { LockSlot } from '../live/LockNotice.tsx'
import { Presence } from '../live/Presence.tsx'
import { HistoryLink } from '../audit/HistoryLink.tsx'
import { assigneeName, RemarkStatusBadge } from './RemarkList.tsx'
import { noDoubleSubmit } from '../components/ListStates.tsx'

export const remarkLockProps = (r: { id: number }, me: CurrentUser, lock: LockInfo | null) => ({
  baseId: domId('remark', r.id),
  lock,
  me,
  canEdit: can(me, 'remarks.manage'),
  canBreak: can(me, 'locks.break'),
  editHref: `/remarks/${r.id}/edit`,
  breakAction: `/remarks/${r.id}/lock/break`,
})

const MOVE_LABELS: Record<RemarkStatus, string> = {
  new: 'Новое',
  in_progress: 'Принять в работу',
  fixed: 'Отметить исправленным',
  verified: 'Подтвердить устранение',
  closed: 'Закрыть',
  rejected: 'Отклонить',
}

export function RemarkCard(p: {
  r: RemarkRow
  me: CurrentUser
  lock: LockInfo | null
  overdue: boolean
  moves: RemarkStatus[]
  error?: string
}) {
  const r = p.r
  return (
    <section
      id={domId('remark', r.id, 'card')}
      class="space-y-3"
      data-resync={`/remarks/${r.id}/card`}
    >
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div>
          <div class="text-sm text-slate-500">
            <a class="link" href={`/projects/${r.project_id}/remarks`}>
              {r.project_code} {r.project_name}
            </a>
          </div>
          <h1 class="text-2xl font-semibold">
            {r.number} — {r.title}
          </h1>
          <div class="mt-1 flex flex-wrap items-center gap-2 text-sm">
            <RemarkStatusBadge status={r.status} />
            <span>Приоритет: {PRIORITIES[r.priority]}</span>
            {p.overdue && <span class="font-semibold text-red-700">Просрочено</span>}
          </div>
        </div>
        <LockSlot {...remarkLockProps(r, p.me, p.lock)} />
      </div>
      <dl class="card grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
        <dt class="text-slate-500">Описание</dt>
        <dd class="whitespace-pre-line">{r.description ?? '—'}</dd>
        <dt class="text-slate-500">Место</dt>
        <dd>{r.location ?? '—'}</dd>
        <dt class="text-slate-500">Исполнитель</dt>
        <dd>{assigneeName(r) || '—'}</dd>
        <dt class="text-slate-500">Срок устранения</dt>
        <dd class={p.overdue ? 'font-semibold text-red-700' : ''}>
          {formatDate(r.deadline) || '—'}
        </dd>
        {r.reject_reason && (
          <>
            <dt class="text-slate-500">Причина отклонения</dt>
            <dd>{r.reject_reason}</dd>
          </>
        )}
        <dt class="text-slate-500">Зарегистрировано</dt>
        <dd>{formatDateTime(r.created_at)}</dd>
      </dl>
      {p.moves.length > 0 && (
        <form
          {...noDoubleSubmit}
          method="post"
          action={`/remarks/${r.id}/status`}
          class="card no-print space-y-2"
        >
          {p.error && (
            <p role="alert" class="rounded bg-red-50 px-3 py-2 text-red-900">
              {p.error}
            </p>
          )}
          <label class="label" for={`move-comment-${r.id}`}>
            Комментарий к смене статуса
          </label>
          <textarea id={`move-comment-${r.id}`} name="comment" rows={2} class="input"></textarea>
          <div class="flex flex-wrap gap-2">
            {p.moves.map((to) => (
              <button
                class={
                  to === 'rejected' || (r.status === 'fixed' && to === 'in_progress')
                    ? 'btn'
                    : 'btn btn-primary'
                }
                type="submit"
                name="to"
                value={to}
              >
                {r.status === 'fixed' && to === 'in_progress'
                  ? 'Вернуть в работу'
                  : MOVE_LABELS[to]}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  )
}

export function RemarkPhotos(p: {
  remarkId: number
  photos: RemarkPhoto[]
  canUpload: boolean
  error?: string
}) {
  const group = (phase: 'before' | 'after') => p.photos.filter((f) => f.phase === phase)
  return (
    <section id={domId('remark', p.remarkId, 'photos')} class="card">
      <h2 class="mb-2 font-semibold">Фото</h2>
      {(['before', 'after'] as const).map((phase) => (
        <div class="mb-3">
          <h3 class="text-sm text-slate-600">{phase === 'before' ? 'До' : 'После'}</h3>
          {group(phase).length === 0 ? (
            <p class="text-sm text-slate-500">Нет фото.</p>
          ) : (
            <div class="mt-1 flex flex-wrap gap-2">
              {group(phase).map((f) => (
                <a
                  href={`/remarks/${p.remarkId}/photos/${f.id}`}
                  hx-boost="false"
                  target="_blank"
                  title={f.original_name}
                >
                  <img
                    src={`/remarks/${p.remarkId}/photos/${f.id}/thumb`}
                    alt={`Фото ${phase === 'before' ? 'до' : 'после'}: ${f.original_name}`}
                    class="h-28 w-28 rounded border object-cover"
                    loading="lazy"
                  />
                </a>
              ))}
            </div>
          )}
        </div>
      ))}
      {p.canUpload && (
        <form
          method="post"
          action={`/remarks/${p.remarkId}/photos`}
          enctype="multipart/form-data"
          hx-boost="false"
          class="no-print space-y-2"
        >
          <div class="flex flex-wrap gap-2">
            <select name="phase" class="input sm:w-32" aria-label="До или после">
              <option value="after">После</option>
              <option value="before">До</option>
            </select>
            <input
              type="file"
              name="photo"
              accept="image/*"
              capture="environment"
              required
              class="block text-sm"
              aria-label="Фото"
            />
          </div>
          {p.error && <p class="field-error">{p.error}</p>}
          <button class="btn" type="submit">
            Добавить фото
          </button>
        </form>
      )}
    </section>
  )
}

export function RemarkHistory(p: { remarkId: number; events: RemarkEvent[]; canComment: boolean }) {
  const status = (s: string | null) => (s ? (STATUSES[s as RemarkStatus] ?? s) : '')
  return (
    <section id={domId('remark', p.remarkId, 'history')} class="card">
      <h2 class="mb-2 font-semibold">История и комментарии</h2>
      {p.canComment && (
        <form
          {...noDoubleSubmit}
          method="post"
          action={`/remarks/${p.remarkId}/comments`}
          class="no-print mb-3 space-y-2"
        >
          <textarea
            name="comment"
            rows={2}
            required
            class="input"
            aria-label="Комментарий"
            placeholder="Комментарий"
          ></textarea>
          <button class="btn" type="submit">
            Добавить комментарий
          </button>
        </form>
      )}
      <ol class="space-y-2">
        {p.events.map((e) => (
          <li class="border-l-4 border-slate-200 pl-3 text-sm">
            <div class="text-xs text-slate-500">
              {formatDateTime(e.at)} · {e.full_name ?? e.user_name ?? 'Система'}
            </div>
            {e.kind === 'created' && <div>Зарегистрировано</div>}
            {e.kind === 'status' && (
              <div>
                Статус: {status(e.from_status)} → <strong>{status(e.to_status)}</strong>
              </div>
            )}
            {e.detail && <div>{e.detail}</div>}
            {e.comment && <div class="whitespace-pre-line">{e.comment}</div>}
          </li>
        ))}
      </ol>
    </section>
  )
}

export function RemarkPage(p: {
  card: Child
  photos: Child
  history: Child
  remarkId: number
  present: { id: number; full_name: string }[]
  me: CurrentUser
}) {
  return (
    <div class="space-y-4">
      <nav class="no-print flex flex-wrap items-center justify-between gap-2 text-sm">
        <a class="link" href="/remarks">
          ← Замечания
        </a>
        <Presence stream={`remark:${p.remarkId}`} users={p.present} meId={p.me.id} />
      </nav>
      {p.card}
      <HistoryLink user={p.me} entity="remark" id={p.remarkId} />
      <div class="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {p.photos}
        {p.history}
      </div>
    </div>
  )
}
