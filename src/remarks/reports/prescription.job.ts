import type { Config } from '../../config.ts'
import { formatDate } from '../../lib/format.ts'
import { newPdf, pdfToBuffer } from '../../lib/pdf.ts'
import { JobError, type JobHandler } from '../../jobs/worker.ts'
import { isRemarkOverdue } from '../remarks.queries.ts'
import { OPEN_STATUSES, PRIORITIES, STATUSES } from '../remarks.schema.ts'
import type { RemarkStatus } from '../remarks.table.ts'
import { note, photoGrid, reportHeader, signatures, tableRow } from './pdf-layout.ts'
import {
  assigneeOf,
  collectRemarks,
  photosOf,
  reportSubject,
  storeReport,
  thumbBytes,
  type ReportPayload,
} from './report-data.ts'

const PRESCRIPTION_TITLE = 'Предписание строительного контроля'
const MAX_REMARKS = 500
const MAX_PHOTOS = 4 // «до» photos per remark; the rest stay in the system
const PHOTO = { w: 118, h: 88 } // four to a line

const WIDTHS = [20, 64, 139, 62, 68, 62, 80] // = 495, the A4 text width; «Критический», «просрочено» fit on a line
const HEAD = ['№', 'Номер', 'Суть замечания', 'Место', 'Приоритет', 'Срок', 'Исполнитель']

// Only open remarks are prescribed: a status filter narrows them (only fixed ones, say);
// a filter for closed or rejected ones is not a prescription and falls back to all open.
const openStatus = (s: string | undefined) =>
  s === 'open' || OPEN_STATUSES.includes(s as RemarkStatus) ? s : 'open'

// «Предписание»: the project's open remarks of the list's filter, each with its «до» photos.
export const prescriptionPdf =
  (config: Config): JobHandler<ReportPayload> =>
  async (job, ctx) => {
    const { user, project, query, day } = await reportSubject(job, ctx)
    const rows = await collectRemarks(
      ctx,
      user,
      { ...query, status: openStatus(query.status) },
      {
        day,
        max: MAX_REMARKS,
        upTo: 10,
        tooMany: `В предписание попадает больше ${MAX_REMARKS} замечаний: сузьте отбор`,
      },
    )
    if (!rows.length)
      throw new JobError('Открытых замечаний по этому отбору нет — предписание не составлено')
    rows.reverse() // in the order they were registered
    const photos = await photosOf(
      ctx,
      rows.map((r) => r.id),
    )

    const doc = await newPdf()
    reportHeader(doc, PRESCRIPTION_TITLE, project, day)
    note(
      doc,
      `Строительный контроль предписывает устранить замечания (${rows.length}) в указанные сроки ` +
        'и подтвердить устранение фотографиями «после».',
      { fontSize: 10 },
    )
    doc.moveDown(0.5)
    const head = () => tableRow(doc, WIDTHS, HEAD, { bold: true })
    head()
    for (const [i, r] of rows.entries()) {
      ctx.signal.throwIfAborted()
      const overdue = isRemarkOverdue(r, day)
      const before = (photos.get(r.id) ?? []).filter((p) => p.phase === 'before')
      tableRow(
        doc,
        WIDTHS,
        [
          String(i + 1),
          `${r.number}\n${STATUSES[r.status]}`,
          r.title,
          r.location ?? '',
          PRIORITIES[r.priority],
          r.deadline ? `${formatDate(r.deadline)}${overdue ? '\nпросрочено' : ''}` : '',
          assigneeOf(r),
        ],
        { onNewPage: head, keepWith: before.length ? PHOTO.h + 6 : 0 },
      )
      if (r.description) note(doc, r.description)
      if (before.length) {
        const shown = before.slice(0, MAX_PHOTOS)
        photoGrid(doc, await Promise.all(shown.map((p) => thumbBytes(config, p))), PHOTO)
        if (before.length > shown.length)
          note(doc, `Ещё фото «до»: ${before.length - shown.length} — в карточке замечания`, {
            color: '#666666',
          })
      }
      doc.moveDown(0.5)
      await ctx.progress(10 + ((i + 1) / rows.length) * 80, `Замечаний: ${i + 1} из ${rows.length}`)
    }
    signatures(doc, [
      'Предписание выдал (строительный контроль): ______________________ (подпись, ФИО)',
      'Предписание получил (подрядчик): ______________________ (подпись, ФИО, дата)',
    ])
    const bytes = await pdfToBuffer(doc)
    const file = await storeReport(
      ctx,
      config,
      job,
      user,
      bytes,
      `Предписание ${project.code} ${day}.pdf`,
      'pdf',
    )
    return { fileId: file.id, message: `Замечаний в предписании: ${rows.length}` }
  }
