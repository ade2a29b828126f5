import { loadCurrentUser } from '../../auth/load-user.ts'
import { can, type CurrentUser } from '../../auth/current-user.ts'
import type { Db } from '../../db/connect.ts'
import type { JobContext, RunningJob } from '../../jobs/worker.ts'
import { JobError } from '../../jobs/worker.ts'
import { findProjectFor, type ProjectWithCustomer } from '../../projects/projects.queries.ts'
import { REGISTER_TITLE } from './kinds.ts'
import { loadRegister, type Register } from './registry.queries.ts'
import { periodText, readPeriod, type Period } from './registry.schema.ts'

// Everything a printed register shows: the project's heading, the period, the rows.
export interface RegisterSubject {
  project: Pick<
    ProjectWithCustomer,
    | 'id'
    | 'code'
    | 'name'
    | 'short_name'
    | 'contractor'
    | 'contract_number'
    | 'contract_date'
    | 'customer_name'
  >
  period: Period
  periodText: string
  register: Register
}

export async function registerSubject(
  db: Db,
  project: RegisterSubject['project'],
  period: Period,
): Promise<RegisterSubject> {
  return {
    project,
    period,
    periodText: periodText(period),
    register: await loadRegister(db, project.id, period),
  }
}

export const registerFileName = (s: RegisterSubject, ext: string) =>
  `${REGISTER_TITLE} ${s.project.code}` +
  (s.period.from || s.period.to ? ` ${s.period.from ?? '…'}—${s.period.to ?? '…'}` : '') +
  `.${ext}`

export interface RegisterPayload {
  projectId: number
  from?: string
  to?: string
}

// The job runs later, as its creator: the project and the warehouse must still be theirs to see.
export async function jobSubject(
  job: RunningJob<RegisterPayload>,
  ctx: JobContext,
): Promise<RegisterSubject & { user: CurrentUser }> {
  const projectId = Number(job.payload?.projectId)
  if (!Number.isSafeInteger(projectId) || projectId <= 0)
    throw new JobError('Параметры задания повреждены')
  const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
  if (!user) throw new JobError('Пользователь, запустивший выгрузку, отключён')
  const project = await findProjectFor(ctx.db, user, projectId)
  if (!project || project.deleted_at || !can(user, 'stock.read'))
    throw new JobError('Нет доступа к складу или к этому проекту')
  await ctx.progress(10, 'Собираем партии')
  return { user, ...(await registerSubject(ctx.db, project, readPeriod(job.payload))) }
}
