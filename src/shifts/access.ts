import type { Expression, ExpressionBuilder } from 'kysely'
import { can, sqlWhen, type CurrentUser } from '../auth/current-user.ts'
import type { Database } from '../db/database.ts'

// Who may see and correct other people's shifts: a site chief (shifts.manage), the director
// and the admin (users.manage). Everyone sees his own timesheet.
export const managesShifts = (user: CurrentUser) =>
  can(user, 'shifts.manage') || can(user, 'users.manage')

const groupsOf = (eb: ExpressionBuilder<Database, 'users'>, id: number | Expression<number>) =>
  eb.selectFrom('group_members as gm').select('gm.group_id').where('gm.user_id', '=', id)

// Whose shifts: the director and the admin (all projects, or user administration) see everyone;
// a site chief sees himself and the people who share an active project with him — directly
// or through a group («Участок №1»), the way project access is granted.
export function shiftsScope(user: CurrentUser) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    if (!managesShifts(user)) return eb('users.id', '=', user.id)
    if (can(user, 'projects.all') || can(user, 'users.manage')) return sqlWhen(true)
    return eb.or([
      eb('users.id', '=', user.id),
      eb.exists(
        eb
          .selectFrom('project_members as pa')
          .innerJoin('project_members as pb', 'pb.project_id', 'pa.project_id')
          .innerJoin('projects as p', 'p.id', 'pa.project_id')
          .select('pa.id')
          .where('p.deleted_at', 'is', null)
          .where((w) =>
            w.or([w('pa.user_id', '=', user.id), w('pa.group_id', 'in', groupsOf(w, user.id))]),
          )
          .where((w) =>
            w.or([
              w('pb.user_id', '=', w.ref('users.id')),
              w('pb.group_id', 'in', groupsOf(w, w.ref('users.id'))),
            ]),
          ),
      ),
    ])
  }
}
