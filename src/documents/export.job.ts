import { newWorkbook } from '../lib/xlsx.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import type { Config } from '../config.ts'
import { storeUpload } from '../files/storage.ts'
import { formatDate, formatNumber } from '../lib/format.ts'
import { JobError, type JobHandler } from '../jobs/worker.ts'
import { countByState, listDocuments } from './documents.queries.ts'
import { CONDITIONS, DOCUMENT_STATES, type DocumentQuery } from './documents.schema.ts'
import { isOverdue, moscowToday } from './state.ts'

export const EXPORT_KIND = 'documents.export.xlsx'
const PAGE = 1000

// The filtered registry as an XLSX file, built as its creator would see it now.
export const exportDocumentsXlsx =
  (config: Config): JobHandler<{ query: DocumentQuery }> =>
  async (job, ctx) => {
    const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
    if (!user) throw new JobError('Пользователь, запустивший выгрузку, отключён')
    const q = { ...job.payload.query, after: undefined }
    const rule = { today: moscowToday(), overdueDays: config.DOCUMENT_OVERDUE_DAYS }
    const counts = await countByState(ctx.db, user, q, rule)
    const total = q.state ? counts[q.state] : counts.in_office + counts.shipped + counts.returned
    const wb = await newWorkbook()
    const ws = wb.addWorksheet('Реестр ИД')
    ws.columns = [
      { header: 'Проект', width: 12 },
      { header: 'Номер', width: 16 },
      { header: 'Тип', width: 30 },
      { header: 'Наименование', width: 60 },
      { header: 'Дата', width: 12 },
      { header: 'Листов', width: 8 },
      { header: 'Состояние', width: 14 },
      { header: 'Получатель', width: 36 },
      { header: 'Отправлен', width: 12 },
      { header: 'Возвращён', width: 12 },
      { header: 'Результат', width: 16 },
      { header: 'Просрочен', width: 10 },
    ]
    ws.getRow(1).font = { bold: true }
    let after: string | undefined
    let n = 0
    do {
      ctx.signal.throwIfAborted()
      const page = await listDocuments(ctx.db, user, { ...q, after }, { ...rule, limit: PAGE })
      for (const d of page.rows)
        ws.addRow([
          d.project_code,
          d.number,
          d.type_name,
          d.title,
          formatDate(d.doc_date),
          d.sheets,
          DOCUMENT_STATES[d.state],
          d.recipient,
          formatDate(d.shipped_on),
          formatDate(d.returned_on),
          d.condition ? CONDITIONS[d.condition as keyof typeof CONDITIONS] : '',
          isOverdue(d, rule.today, rule.overdueDays) ? 'да' : '',
        ])
      n += page.rows.length
      after = page.next ?? undefined
      await ctx.progress(
        total ? Math.min(90, (n / total) * 90) : 90,
        `Строк: ${formatNumber(n)} из ${formatNumber(total)}`,
      )
    } while (after)
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const name = `Реестр ИД ${rule.today}.xlsx`
    const file = await storeUpload(
      ctx.db,
      { userId: user.id, ip: null, requestId: `job:${job.id}` },
      config,
      new File([new Uint8Array(bytes)], name),
      {
        allowed: ['office'],
      },
    )
    return { fileId: file.id, message: `Выгружено строк: ${formatNumber(n)}` }
  }
