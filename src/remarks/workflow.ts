import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { CurrentUser } from '../auth/current-user.ts'
import { nowIso } from '../db/business.ts'
import { isPostgres, type Db } from '../db/connect.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import { formatDate } from '../lib/format.ts'
import { addEvent, remarkSearch } from './remarks.queries.ts'
import { PRIORITIES, STATUSES, type RemarkInput } from './remarks.schema.ts'
import type { RemarkStatus } from './remarks.table.ts'
import { moveProblem } from './transitions.ts'

export class RemarkRefused extends Error {}

// A status move: checked against the role and the remark's current state inside the
// transaction (two people clicking at once: the second sees the new state and is refused).
export async function changeStatus(
  db: Db,
  actor: Actor,
  user: CurrentUser,
  remarkId: number,
  to: RemarkStatus,
  comment: string | null,
) {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('remarks').selectAll().where('id', '=', remarkId)
    if (isPostgres(trx)) q = q.forUpdate()
    const r = await q.executeTakeFirstOrThrow()
    const after = await trx
      .selectFrom('remark_photos')
      .select('id')
      .where('remark_id', '=', remarkId)
      .where('phase', '=', 'after')
      .executeTakeFirst()
    const problem = moveProblem(user, r.status, to, { hasAfterPhoto: !!after, comment })
    if (problem) throw new RemarkRefused(problem)
    const now = nowIso()
    await trx
      .updateTable('remarks')
      .set({
        status: to,
        closed_at: to === 'closed' || to === 'rejected' ? now : null,
        reject_reason: to === 'rejected' ? comment : r.reject_reason,
        version: r.version + 1,
        updated_at: now,
        updated_by: actor.userId,
      })
      .where('id', '=', remarkId)
      .execute()
    await addEvent(trx, actor, remarkId, {
      kind: 'status',
      from_status: r.status,
      to_status: to,
      comment,
    })
    await audit(trx, actor, {
      action: 'remark.status',
      entityType: 'remark',
      entityId: remarkId,
      before: { status: r.status },
      after: { status: to, comment },
    })
    return {
      remark: r,
      notify: [r.assignee_id, r.created_by].filter(
        (id): id is number => !!id && id !== actor.userId,
      ),
    }
  })
}

export async function commentOn(db: Db, actor: Actor, remarkId: number, comment: string) {
  await db.transaction().execute(async (trx) => {
    await addEvent(trx, actor, remarkId, { kind: 'comment', comment })
    await audit(trx, actor, {
      action: 'remark.comment',
      entityType: 'remark',
      entityId: remarkId,
      after: { comment },
    })
  })
}

// An edit of the remark's card: each change of assignee, deadline or text goes to its history.
export function updateRemark(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  input: RemarkInput,
  names: { assignee: string | null },
  lockToken?: string,
) {
  return updateVersioned(
    db,
    actor,
    { table: 'remarks', entity: 'remark', id, version, lockToken },
    (before) => ({
      ...input,
      assignee_name: input.assignee_id ? null : before.assignee_name,
      search: remarkSearch(input, before.number),
    }),
    async (trx, before, row) => {
      if (before.assignee_id !== row.assignee_id)
        await addEvent(trx, actor, id, {
          kind: 'assignee',
          detail: names.assignee ? `Исполнитель: ${names.assignee}` : 'Исполнитель снят',
        })
      if (before.deadline !== row.deadline)
        await addEvent(trx, actor, id, {
          kind: 'deadline',
          detail: `Срок: ${formatDate(before.deadline) || '—'} → ${formatDate(row.deadline) || '—'}`,
        })
      const text: string[] = []
      if (before.title !== row.title) text.push('суть')
      if (before.description !== row.description) text.push('описание')
      if (before.location !== row.location) text.push('место')
      if (before.priority !== row.priority) text.push(`приоритет: ${PRIORITIES[row.priority]}`)
      if (text.length)
        await addEvent(trx, actor, id, { kind: 'edit', detail: `Изменено: ${text.join(', ')}` })
    },
  )
}

export const statusLabel = (s: string | null) => (s ? (STATUSES[s as RemarkStatus] ?? s) : '')
