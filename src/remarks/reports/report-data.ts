import { loadCurrentUser } from '../../auth/load-user.ts'
import { can, type CurrentUser } from '../../auth/current-user.ts'
import type { Config } from '../../config.ts'
import { readStoredFile } from '../../files/files.queries.ts'
import { storeUpload, UploadRefused, type AllowedKind } from '../../files/storage.ts'
import type { JobContext, RunningJob } from '../../jobs/worker.ts'
import { JobError } from '../../jobs/worker.ts'
import { findProjectFor } from '../../projects/projects.queries.ts'
import { today } from '../access.ts'
import { listRemarks, type RemarkRow } from '../remarks.queries.ts'
import { remarkQuery, type RemarkQuery } from '../remarks.schema.ts'

// What the report routes enqueue: the project and the filters of the list it was started from.
export interface ReportPayload {
  projectId: number
  query: RemarkQuery
}

const PAGE = 500

// Who started the report and the project, checked again now: the job may run long after the
// click, and the user may have lost access (or the project been deleted) in between.
export async function reportSubject(job: RunningJob<ReportPayload>, ctx: JobContext) {
  const projectId = Number(job.payload?.projectId)
  if (!Number.isSafeInteger(projectId) || projectId <= 0)
    throw new JobError('Параметры задания повреждены')
  const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
  if (!user) throw new JobError('Пользователь, запустивший отчет, отключён')
  const project = await findProjectFor(ctx.db, user, projectId)
  if (!project || project.deleted_at || !can(user, 'remarks.read'))
    throw new JobError('Нет доступа к замечаниям этого проекта')
  // Through the schema again: the payload is data from the database, not trusted types.
  const parsed = remarkQuery.safeParse(job.payload.query ?? {})
  if (!parsed.success) throw new JobError('Параметры задания повреждены')
  const query: RemarkQuery = { ...parsed.data, project: project.id, after: undefined }
  return { user, project, query, day: today() }
}
export type ReportProject = Awaited<ReturnType<typeof reportSubject>>['project']

// Every remark of the filtered list, as the user would see it now (listRemarks is scoped by
// the user), page by page. Progress goes up to `upTo` percent while loading.
export async function collectRemarks(
  ctx: JobContext,
  user: CurrentUser,
  q: RemarkQuery,
  opts: { day: string; max: number; upTo: number; tooMany: string },
): Promise<RemarkRow[]> {
  const rows: RemarkRow[] = []
  let after: string | undefined
  do {
    ctx.signal.throwIfAborted()
    const page = await listRemarks(ctx.db, user, { ...q, after }, { today: opts.day, limit: PAGE })
    rows.push(...page.rows)
    if (rows.length > opts.max) throw new JobError(opts.tooMany)
    after = page.next ?? undefined
    await ctx.progress(after ? opts.upTo / 2 : opts.upTo, `Отобрано замечаний: ${rows.length}`)
  } while (after)
  return rows
}

export interface ReportPhoto {
  remarkId: number
  phase: 'before' | 'after'
  // The thumbnail's stored content (a small upright JPEG); null when the server made none
  // (a HEIC original it cannot decode): such a photo is listed but not embedded.
  thumbSha256: string | null
}

// The photos of these remarks, oldest first, grouped by remark.
export async function photosOf(ctx: JobContext, remarkIds: number[]) {
  const byRemark = new Map<number, ReportPhoto[]>()
  for (let i = 0; i < remarkIds.length; i += PAGE) {
    const ids = remarkIds.slice(i, i + PAGE)
    const rows = await ctx.db
      .selectFrom('remark_photos as p')
      .leftJoin('files as t', 't.id', 'p.thumb_file_id')
      .select(['p.remark_id', 'p.phase', 't.sha256 as thumb_sha256'])
      .where('p.remark_id', 'in', ids)
      .orderBy('p.id')
      .execute()
    for (const r of rows) {
      const list = byRemark.get(r.remark_id) ?? []
      list.push({ remarkId: r.remark_id, phase: r.phase, thumbSha256: r.thumb_sha256 })
      byRemark.set(r.remark_id, list)
    }
  }
  return byRemark
}

// A thumbnail's bytes, or null when it is missing on disk: one lost file must not cost the
// whole report (the page shows «фото недоступно» in its place).
export async function thumbBytes(config: Pick<Config, 'UPLOAD_DIR'>, photo: ReportPhoto) {
  if (!photo.thumbSha256) return null
  return readStoredFile(config.UPLOAD_DIR, { sha256: photo.thumbSha256 }).catch(() => null)
}

// The finished report as a file of the user who started it: the job's page offers it.
export async function storeReport(
  ctx: JobContext,
  config: Config,
  job: RunningJob<ReportPayload>,
  user: CurrentUser,
  bytes: Buffer,
  name: string,
  allowed: AllowedKind,
) {
  ctx.signal.throwIfAborted()
  try {
    return await storeUpload(
      ctx.db,
      { userId: user.id, ip: null, requestId: `job:${job.id}` },
      config,
      new File([new Uint8Array(bytes)], name),
      { allowed: [allowed] },
    )
  } catch (e) {
    // Too large for the upload limit: waiting will not help, a narrower filter will.
    if (e instanceof UploadRefused)
      throw new JobError(`Отчет не сохранен: ${e.message}. Сузьте отбор замечаний`)
    throw e
  }
}

export const assigneeOf = (r: RemarkRow) => r.assignee_full_name ?? r.assignee_name ?? ''
