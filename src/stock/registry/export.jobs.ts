import type { Config } from '../../config.ts'
import type { AllowedKind } from '../../files/kinds.ts'
import { storeUpload, UploadRefused } from '../../files/storage.ts'
import { JobError, type JobHandler } from '../../jobs/worker.ts'
import type { RegisterFormat } from './kinds.ts'
import { renderRegisterPdf } from './register-pdf.ts'
import { jobSubject, registerFileName, type RegisterPayload } from './register-subject.ts'
import { renderRegisterXlsx } from './register-xlsx.ts'

const FORMATS: Record<
  RegisterFormat,
  { allowed: AllowedKind; step: string; render: typeof renderRegisterXlsx }
> = {
  xlsx: { allowed: 'office', step: 'Составляем таблицу', render: renderRegisterXlsx },
  pdf: {
    allowed: 'pdf',
    step: 'Формируем PDF',
    render: async (s) => (await renderRegisterPdf(s)).bytes,
  },
}

// The register of a project and period as a file of the user who asked for it.
const registerExport =
  (format: RegisterFormat) =>
  (config: Config): JobHandler<RegisterPayload> =>
  async (job, ctx) => {
    const s = await jobSubject(job, ctx)
    const f = FORMATS[format]
    await ctx.progress(50, f.step)
    const bytes = await f.render(s)
    ctx.signal.throwIfAborted()
    try {
      const file = await storeUpload(
        ctx.db,
        { userId: s.user.id, ip: null, requestId: `job:${job.id}` },
        config,
        new File([new Uint8Array(bytes)], registerFileName(s, format)),
        { allowed: [f.allowed] },
      )
      const { rows, truncated } = s.register
      return {
        fileId: file.id,
        message: `Партий в реестре: ${rows.length}${truncated ? ' (показаны не все)' : ''}`,
      }
    } catch (e) {
      if (e instanceof UploadRefused) throw new JobError(`Файл реестра не сохранен: ${e.message}`)
      throw e
    }
  }

export const registerXlsx = registerExport('xlsx')
export const registerPdf = registerExport('pdf')
