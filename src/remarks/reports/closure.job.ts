import type { Config } from '../../config.ts'
import { moscowToday } from '../../documents/state.ts'
import { formatDate } from '../../lib/format.ts'
import { newPdf, pdfToBuffer } from '../../lib/pdf.ts'
import { JobError, type JobHandler } from '../../jobs/worker.ts'
import { PRIORITIES } from '../remarks.schema.ts'
import {
  contentWidth,
  ensureSpace,
  note,
  photoPairs,
  reportHeader,
  signatures,
} from './pdf-layout.ts'
import {
  assigneeOf,
  collectRemarks,
  photosOf,
  reportSubject,
  storeReport,
  thumbBytes,
  type ReportPayload,
} from './report-data.ts'

const CLOSURE_TITLE = 'Отчет об устранении замечаний строительного контроля'
const MAX_REMARKS = 500
const MAX_PAIRS = 3 // «до»/«после» lines per remark; the rest stay in the system
const PHOTO_H = 160

// A timestamp as the date in Moscow, «ДД.ММ.ГГГГ».
const dayOf = (iso: string | null) => (iso ? formatDate(moscowToday(new Date(iso))) : '')

// «Отчет об устранении»: the closed remarks of the list's filter, «до» and «после» side by side.
export const closurePdf =
  (config: Config): JobHandler<ReportPayload> =>
  async (job, ctx) => {
    const { user, project, query, day } = await reportSubject(job, ctx)
    const rows = await collectRemarks(
      ctx,
      user,
      // Closed ones only; «overdue» is about open remarks and would leave nothing.
      { ...query, status: 'closed', overdue: undefined },
      {
        day,
        max: MAX_REMARKS,
        upTo: 10,
        tooMany: `В отчет попадает больше ${MAX_REMARKS} замечаний: сузьте отбор`,
      },
    )
    if (!rows.length)
      throw new JobError('Закрытых замечаний по этому отбору нет — отчет не составлен')
    rows.reverse() // in the order they were registered
    const photos = await photosOf(
      ctx,
      rows.map((r) => r.id),
    )

    const doc = await newPdf()
    reportHeader(doc, CLOSURE_TITLE, project, day)
    note(doc, `Устранено и закрыто замечаний: ${rows.length}.`, { fontSize: 10 })
    doc.moveDown(0.5)
    for (const [i, r] of rows.entries()) {
      ctx.signal.throwIfAborted()
      const all = photos.get(r.id) ?? []
      const before = all.filter((p) => p.phase === 'before')
      const after = all.filter((p) => p.phase === 'after')
      // The heading and facts stay on one page with the first pair of photos.
      ensureSpace(doc, 60 + (all.length ? PHOTO_H + 20 : 0))
      doc
        .font('bold')
        .fontSize(10)
        .text(`${i + 1}. ${r.number} — ${r.title}`, doc.page.margins.left, doc.y, {
          width: contentWidth(doc),
        })
      const facts = [
        r.location && `Место: ${r.location}`,
        `Приоритет: ${PRIORITIES[r.priority]}`,
        assigneeOf(r) && `Исполнитель: ${assigneeOf(r)}`,
      ]
      const dates = [
        `Зарегистрировано: ${dayOf(r.created_at)}`,
        r.deadline && `Срок: ${formatDate(r.deadline)}`,
        `Закрыто: ${dayOf(r.closed_at)}`,
      ]
      note(doc, facts.filter(Boolean).join(' · '), { fontSize: 9 })
      note(doc, dates.filter(Boolean).join(' · '), { fontSize: 9 })
      if (r.description) note(doc, r.description)
      const [b, a] = await Promise.all(
        [before, after].map((list) =>
          Promise.all(list.slice(0, MAX_PAIRS).map((p) => thumbBytes(config, p))),
        ),
      )
      photoPairs(doc, b, a, PHOTO_H)
      if (before.length > MAX_PAIRS || after.length > MAX_PAIRS)
        note(
          doc,
          `Всего фото: «до» — ${before.length}, «после» — ${after.length}; остальные — в карточке замечания`,
          { color: '#666666' },
        )
      doc.moveDown()
      await ctx.progress(10 + ((i + 1) / rows.length) * 80, `Замечаний: ${i + 1} из ${rows.length}`)
    }
    signatures(doc, [
      'Устранение проверил (строительный контроль): ______________________ (подпись, ФИО)',
      'Представитель подрядчика: ______________________ (подпись, ФИО)',
    ])
    const bytes = await pdfToBuffer(doc)
    const file = await storeReport(
      ctx,
      config,
      job,
      user,
      bytes,
      `Отчет об устранении ${project.code} ${day}.pdf`,
      'pdf',
    )
    return { fileId: file.id, message: `Замечаний в отчете: ${rows.length}` }
  }
