import { newWorkbook } from '../lib/xlsx.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import type { Config } from '../config.ts'
import { storeUpload } from '../files/storage.ts'
import { formatArea, formatDate, formatNumber } from '../lib/format.ts'
import { JobError, type JobHandler } from '../jobs/worker.ts'
import { findProjectFor } from '../projects/projects.queries.ts'
import { totals } from './worklog.queries.ts'

export const STATEMENT_KIND = 'worklog.statement.xlsx'

// «Ведомость объемов работ»: a project's work for a period, by material and marking type, with
// lengths, pieces and areas — the document the ПТО hands to the customer.
export const worklogStatement =
  (config: Config): JobHandler<{ projectId: number; from: string; to: string }> =>
  async (job, ctx) => {
    const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
    const { projectId, from, to } = job.payload
    const project = user && (await findProjectFor(ctx.db, user, projectId))
    if (!user || !project) throw new JobError('Нет доступа к журналу работ этого проекта')
    await ctx.progress(20, 'Считаем объёмы')
    const rows = await totals(ctx.db, user, { project: projectId, from, to })
    const wb = await newWorkbook()
    const ws = wb.addWorksheet('Ведомость')
    ws.addRow([
      `Ведомость объемов выполненных работ за период ${formatDate(from)} — ${formatDate(to)}`,
    ]).font = { bold: true }
    ws.addRow([`Объект: ${project.code} — ${project.name}`])
    if (project.contract_number) ws.addRow([`Контракт: ${project.contract_number}`])
    ws.addRow([])
    const head = ws.addRow([
      'Материал',
      'Разметка (ГОСТ Р 51256)',
      'Наименование',
      'Длина, м',
      'Штук',
      'Площадь, м²',
    ])
    head.font = { bold: true }
    for (const r of rows)
      ws.addRow([
        r.material_name,
        r.type_code,
        r.type_name,
        r.metres || null,
        r.pieces || null,
        r.area_m2,
      ])
    const total = Math.round(rows.reduce((s, r) => s + r.area_m2, 0) * 100) / 100
    ws.addRow(['Итого', '', '', null, null, total]).font = { bold: true }
    ws.columns.forEach((c, i) => (c.width = [14, 14, 40, 12, 10, 14][i]))
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const name = `Ведомость объемов ${project.code} ${from}—${to}.xlsx`
    const file = await storeUpload(
      ctx.db,
      { userId: user.id, ip: null, requestId: `job:${job.id}` },
      config,
      new File([new Uint8Array(bytes)], name),
      {
        allowed: ['office'],
      },
    )
    return {
      fileId: file.id,
      message: `Строк: ${formatNumber(rows.length)}, итого ${formatArea(total)}`,
    }
  }
