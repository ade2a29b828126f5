import { can, type CurrentUser } from '../auth/current-user.ts'
import type { Permission } from '../auth/permissions.ts'
import { STATUSES } from './remarks.schema.ts'
import type { RemarkStatus } from './remarks.table.ts'

// Who may move a remark from where to where. The inspector (remarks.verify) checks and closes;
// the contractor's people (remarks.work) take it into work and mark it fixed.
const MOVES: { from: RemarkStatus[]; to: RemarkStatus; permission: Permission }[] = [
  { from: ['new'], to: 'in_progress', permission: 'remarks.work' },
  { from: ['in_progress'], to: 'fixed', permission: 'remarks.work' },
  { from: ['fixed'], to: 'verified', permission: 'remarks.verify' },
  { from: ['fixed'], to: 'in_progress', permission: 'remarks.verify' }, // the fix is not accepted
  { from: ['verified', 'fixed'], to: 'closed', permission: 'remarks.verify' },
  { from: ['new', 'in_progress', 'fixed'], to: 'rejected', permission: 'remarks.verify' },
]

export function allowedMoves(user: CurrentUser, from: RemarkStatus): RemarkStatus[] {
  return MOVES.filter((m) => m.from.includes(from) && can(user, m.permission)).map((m) => m.to)
}

// The reason a move is refused (in Russian), or null when it may go ahead.
export function moveProblem(
  user: CurrentUser,
  from: RemarkStatus,
  to: RemarkStatus,
  ctx: { hasAfterPhoto: boolean; comment: string | null },
): string | null {
  const move = MOVES.find((m) => m.from.includes(from) && m.to === to)
  if (!move) return `Из статуса «${STATUSES[from]}» нельзя перейти в «${STATUSES[to]}»`
  if (!can(user, move.permission))
    return move.permission === 'remarks.verify'
      ? `Статус «${STATUSES[to]}» ставит строительный контроль`
      : `Статус «${STATUSES[to]}» ставит подрядчик`
  if (to === 'fixed' && !ctx.hasAfterPhoto)
    return 'Приложите фото «после» — без него нельзя отметить исправленным'
  if (to === 'rejected' && !ctx.comment) return 'Укажите причину отклонения'
  if (from === 'fixed' && to === 'in_progress' && !ctx.comment)
    return 'Напишите, что не так с исправлением'
  return null
}
