import type { Config } from '../config.ts'
import { findFile } from '../files/files.queries.ts'
import { contentPath } from '../files/storage.ts'
import { JobError, type JobHandler } from '../jobs/worker.ts'
import { invalidateReference } from '../reference/cache.ts'
import { importLegacy } from './import.ts'

export const LEGACY_IMPORT_KIND = 'legacy.import'

export interface LegacyImportPayload {
  main: number // files row of strod_service_tech.db
  pto: number | null // files row of pto_docs.db
  dryRun: boolean
}

// The import started from the admin page: the uploaded files are read where the upload stored
// them; progress goes to the job's page; the run's report is linked to the job.
export const legacyImportJob =
  (config: Config): JobHandler<LegacyImportPayload> =>
  async (job, ctx) => {
    const path = async (id: number | null) => {
      if (!id) return undefined
      const f = await findFile(ctx.db, id)
      if (!f) throw new JobError('Загруженный файл не найден — загрузите его снова')
      return contentPath(config.UPLOAD_DIR, f.sha256)
    }
    const started = new Date().toISOString()
    const report = await importLegacy(ctx.db, {
      main: (await path(job.payload.main))!,
      pto: await path(job.payload.pto),
      dryRun: job.payload.dryRun,
      actor: { userId: job.created_by, ip: null, requestId: `job-${job.id}` },
      uploadConfig: config,
      onProgress: (done, total, table) =>
        void ctx.progress(Math.round((done / Math.max(total, 1)) * 100), `Таблица ${table}`),
    })
    // Reference lists may have grown: this process forgets them now, the others within a minute.
    if (!report.dryRun) invalidateReference()
    // The run's report row (written by importLegacy) belongs to this job.
    const run = await ctx.db
      .selectFrom('legacy_imports')
      .select('id')
      .where('started_at', '>=', started)
      .where('created_by', job.created_by === null ? 'is' : '=', job.created_by)
      .orderBy('id', 'desc')
      .executeTakeFirst()
    if (run)
      await ctx.db
        .updateTable('legacy_imports')
        .set({ job_id: job.id })
        .where('id', '=', run.id)
        .execute()
    const n = Object.values(report.tables).reduce((s, t) => s + t.imported, 0)
    return {
      message: `${report.dryRun ? 'Пробный прогон: было бы импортировано' : 'Импортировано'} записей: ${n}. Отчёт — в разделе «Импорт из прежней программы».`,
    }
  }
