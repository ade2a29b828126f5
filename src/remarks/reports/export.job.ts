import { newWorkbook } from '../../lib/xlsx.ts'
import type { Config } from '../../config.ts'
import { formatDate, formatDateTime } from '../../lib/format.ts'
import type { JobHandler } from '../../jobs/worker.ts'
import { isRemarkOverdue } from '../remarks.queries.ts'
import { PRIORITIES, STATUSES } from '../remarks.schema.ts'
import {
  assigneeOf,
  collectRemarks,
  reportSubject,
  storeReport,
  type ReportPayload,
} from './report-data.ts'

const MAX_ROWS = 50_000

// The filtered list of a project's remarks as an XLSX file, built as its creator would see it now.
export const exportRemarksXlsx =
  (config: Config): JobHandler<ReportPayload> =>
  async (job, ctx) => {
    const { user, project, query, day } = await reportSubject(job, ctx)
    const rows = await collectRemarks(ctx, user, query, {
      day,
      max: MAX_ROWS,
      upTo: 40,
      tooMany: `В выгрузку попадает больше ${MAX_ROWS} замечаний: сузьте отбор`,
    })
    const wb = await newWorkbook()
    const ws = wb.addWorksheet('Замечания')
    ws.columns = [
      { header: 'Проект', width: 12 },
      { header: 'Номер', width: 16 },
      { header: 'Суть замечания', width: 50 },
      { header: 'Описание', width: 50 },
      { header: 'Место', width: 20 },
      { header: 'Приоритет', width: 12 },
      { header: 'Статус', width: 12 },
      { header: 'Исполнитель', width: 30 },
      { header: 'Срок устранения', width: 14 },
      { header: 'Зарегистрировано', width: 17 },
      { header: 'Закрыто', width: 17 },
      { header: 'Причина отклонения', width: 30 },
      { header: 'Просрочено', width: 11 },
    ]
    ws.getRow(1).font = { bold: true }
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    for (const [i, r] of rows.entries()) {
      ws.addRow([
        r.project_code,
        r.number,
        r.title,
        r.description ?? '',
        r.location ?? '',
        PRIORITIES[r.priority],
        STATUSES[r.status],
        assigneeOf(r),
        formatDate(r.deadline),
        formatDateTime(r.created_at),
        formatDateTime(r.closed_at),
        r.reject_reason ?? '',
        isRemarkOverdue(r, day) ? 'да' : '',
      ])
      if ((i + 1) % 1000 === 0) {
        ctx.signal.throwIfAborted()
        await ctx.progress(40 + ((i + 1) / rows.length) * 50, `Строк: ${i + 1} из ${rows.length}`)
      }
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const file = await storeReport(
      ctx,
      config,
      job,
      user,
      bytes,
      `Замечания ${project.code} ${day}.xlsx`,
      'office',
    )
    return { fileId: file.id, message: `Выгружено строк: ${rows.length}` }
  }
