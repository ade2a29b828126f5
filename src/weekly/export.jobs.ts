import { newWorkbook } from '../lib/xlsx.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import { can } from '../auth/current-user.ts'
import type { Config } from '../config.ts'
import { storeUpload } from '../files/storage.ts'
import type { AllowedKind } from '../files/kinds.ts'
import { UploadRefused } from '../files/upload-refused.ts'
import { formatDateTime, formatNumber } from '../lib/format.ts'
import { newPdf, pdfToBuffer } from '../lib/pdf.ts'
import { JobError, type JobContext, type JobHandler, type RunningJob } from '../jobs/worker.ts'
import { PLAN_NOTE, weeklyTitle } from './kinds.ts'
import { percentOf } from './week.ts'
import { findReport, type IssuedReport } from './weekly.queries.ts'

export type WeeklyPayload = { reportId: number }

const issuedLine = (r: IssuedReport) =>
  `Выпущен ${formatDateTime(r.created_at)}${r.creator_name ? `, ${r.creator_name}` : ''}`

// The job runs later, as its creator: the report must still be readable by them.
async function subject(job: RunningJob<WeeklyPayload>, ctx: JobContext) {
  const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
  if (!user || !can(user, 'worklog.read')) throw new JobError('Нет доступа к отчётам ГПР')
  const report = await findReport(ctx.db, Number(job.payload?.reportId))
  if (!report) throw new JobError('Отчёт не найден')
  return { user, report }
}

async function store(
  ctx: JobContext,
  config: Config,
  job: RunningJob<WeeklyPayload>,
  userId: number,
  bytes: Buffer,
  name: string,
  allowed: AllowedKind,
) {
  ctx.signal.throwIfAborted()
  try {
    return await storeUpload(
      ctx.db,
      { userId, ip: null, requestId: `job:${job.id}` },
      config,
      new File([new Uint8Array(bytes)], name),
      { allowed: [allowed] },
    )
  } catch (e) {
    if (e instanceof UploadRefused) throw new JobError(`Файл отчёта не сохранен: ${e.message}`)
    throw e
  }
}

const fileName = (r: IssuedReport, ext: string) =>
  `Еженедельный отчёт ${r.week_start}—${r.week_end} №${r.id}.${ext}`

export const weeklyXlsx =
  (config: Config): JobHandler<WeeklyPayload> =>
  async (job, ctx) => {
    const { user, report } = await subject(job, ctx)
    await ctx.progress(30, 'Составляем таблицу')
    const wb = await newWorkbook()
    const ws = wb.addWorksheet('Отчёт')
    ws.addRow([weeklyTitle(report)]).font = { bold: true }
    ws.addRow([issuedLine(report)])
    ws.addRow([])
    ws.addRow([
      'Материал',
      'План недели, м²',
      'Полный план объектов, м²',
      'Факт, м²',
      '% от плана недели',
    ]).font = { bold: true }
    for (const r of report.rows)
      ws.addRow([
        r.material_name,
        r.plan_m2,
        r.plan_full_m2,
        r.fact_m2,
        percentOf(r.fact_m2, r.plan_m2),
      ])
    const t = report.totals
    ws.addRow([
      'Итого',
      t.plan_m2,
      t.plan_full_m2,
      t.fact_m2,
      percentOf(t.fact_m2, t.plan_m2),
    ]).font = { bold: true }
    ws.addRow([])
    ws.addRow([PLAN_NOTE])
    ws.columns.forEach((c, i) => (c.width = [22, 18, 26, 14, 18][i]))
    for (const col of [2, 3, 4]) ws.getColumn(col).numFmt = '#,##0.00'
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const file = await store(ctx, config, job, user.id, bytes, fileName(report, 'xlsx'), 'office')
    return { fileId: file.id, message: `Материалов: ${report.rows.length}` }
  }

// The PDF: the title, who issued it, a table per material, the method under it.
export async function renderWeeklyPdf(report: IssuedReport): Promise<Buffer> {
  const doc = await newPdf()
  doc.font('bold').fontSize(14).text(weeklyTitle(report), { align: 'center' })
  doc.moveDown(0.5).font('body').fontSize(10).text(issuedLine(report))
  doc.moveDown()
  const cols = [135, 90, 110, 90, 70]
  const heads = ['Материал', 'План недели, м²', 'Полный план объектов, м²', 'Факт, м²', '%']
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'bold' : 'body').fontSize(10)
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i] - 6 }))) + 8
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    let x = doc.page.margins.left
    cells.forEach((cell, i) => {
      doc.rect(x, top, cols[i], h).stroke()
      doc.text(cell, x + 3, top + 4, { width: cols[i] - 6, align: i ? 'right' : 'left' })
      x += cols[i]
    })
    doc.y = top + h
    doc.x = doc.page.margins.left
  }
  const pct = (fact: number, plan: number) => {
    const p = percentOf(fact, plan)
    return p == null ? '—' : `${formatNumber(p)}%`
  }
  row(heads, true)
  for (const r of report.rows)
    row([
      r.material_name,
      formatNumber(r.plan_m2),
      formatNumber(r.plan_full_m2),
      formatNumber(r.fact_m2),
      pct(r.fact_m2, r.plan_m2),
    ])
  const t = report.totals
  row(
    [
      'Итого',
      formatNumber(t.plan_m2),
      formatNumber(t.plan_full_m2),
      formatNumber(t.fact_m2),
      pct(t.fact_m2, t.plan_m2),
    ],
    true,
  )
  doc.moveDown().font('body').fontSize(8).fillColor('#475569').text(PLAN_NOTE)
  return pdfToBuffer(doc)
}

export const weeklyPdf =
  (config: Config): JobHandler<WeeklyPayload> =>
  async (job, ctx) => {
    const { user, report } = await subject(job, ctx)
    await ctx.progress(30, 'Формируем PDF')
    const bytes = await renderWeeklyPdf(report)
    const file = await store(ctx, config, job, user.id, bytes, fileName(report, 'pdf'), 'pdf')
    return { fileId: file.id, message: 'Отчёт готов' }
  }
