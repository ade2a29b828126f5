import { newWorkbook } from '../lib/xlsx.ts'
import { can } from '../auth/current-user.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import type { Config } from '../config.ts'
import { moscowToday } from '../documents/state.ts'
import { storeUpload, UploadRefused } from '../files/storage.ts'
import { countOf, formatDateTime, formatNumber } from '../lib/format.ts'
import { JobError, type JobHandler } from '../jobs/worker.ts'
import { diffRow, diffText } from './audit.diff.ts'
import {
  ACTION_LABELS,
  auditQuery,
  countAudit,
  ENTITY_TYPES,
  listAudit,
  type AuditQuery,
} from './audit.queries.ts'

export const AUDIT_EXPORT_KIND = 'audit.export.xlsx'
// A file anyone can still open: past this the export stops and says so in the file.
export const AUDIT_EXPORT_MAX_ROWS = 100_000
const PAGE = 1000
const CELL_MAX = 5000 // a spreadsheet cell holds 32 767 characters; the full value is in the app

const cell = (s: string | null, id: number) =>
  s && s.length > CELL_MAX
    ? `${s.slice(0, CELL_MAX)}… (обрезано; полностью — /admin/audit/${id})`
    : (s ?? '')

// What the file was filtered by, as a second sheet.
function describe(q: AuditQuery, userName: string | null): [string, string][] {
  return [
    ['Действие', q.action ? (ACTION_LABELS[q.action] ?? q.action) : 'все'],
    ['Объект', q.entity ? (ENTITY_TYPES[q.entity] ?? q.entity) : 'все'],
    ['№ записи', q.entity_id ?? 'все'],
    ['Пользователь', q.user === 0 ? 'система / без входа' : (userName ?? 'все')],
    ['С', q.from ?? '—'],
    ['По', q.to ?? '—'],
    ['Текст', q.q ?? '—'],
  ]
}

// The filtered log, newest first, as its creator may read it now (audit.read checked again).
export const exportAuditXlsx =
  (config: Config, opts: { maxRows?: number } = {}): JobHandler<{ query: AuditQuery }> =>
  async (job, ctx) => {
    const max = opts.maxRows ?? AUDIT_EXPORT_MAX_ROWS
    const user = job.created_by ? await loadCurrentUser(ctx.db, job.created_by) : null
    if (!user) throw new JobError('Пользователь, запустивший выгрузку, отключён')
    if (!can(user, 'audit.read')) throw new JobError('Нет права на просмотр журнала аудита')
    const q: AuditQuery = { ...auditQuery.parse(job.payload?.query ?? {}), after: undefined }
    const total = await countAudit(ctx.db, q)
    const wb = await newWorkbook()
    const ws = wb.addWorksheet('Журнал аудита')
    ws.columns = [
      { header: '№', width: 9 },
      { header: 'Время (МСК)', width: 17 },
      { header: 'Пользователь', width: 28 },
      { header: 'Логин', width: 14 },
      { header: 'IP', width: 15 },
      { header: 'Действие', width: 30 },
      { header: 'Код действия', width: 22 },
      { header: 'Объект', width: 22 },
      { header: '№ объекта', width: 10 },
      { header: 'Изменения', width: 60 },
      { header: 'До (JSON)', width: 40 },
      { header: 'После (JSON)', width: 40 },
    ]
    ws.getRow(1).font = { bold: true }
    let after: string | undefined
    let n = 0
    do {
      ctx.signal.throwIfAborted()
      const page = await listAudit(ctx.db, { ...q, after }, Math.min(PAGE, max - n))
      for (const r of page.rows)
        ws.addRow([
          r.id,
          formatDateTime(r.at),
          r.user_name ?? (r.user_id ? `№ ${r.user_id}` : 'Система'),
          r.user_login ?? '',
          r.ip ?? '',
          ACTION_LABELS[r.action] ?? r.action,
          r.action,
          ENTITY_TYPES[r.entity_type] ?? r.entity_type,
          r.entity_id ?? '',
          cell(diffText(diffRow(r)), r.id),
          cell(r.before, r.id),
          cell(r.after, r.id),
        ]).alignment = { vertical: 'top', wrapText: true }
      n += page.rows.length
      after = page.next ?? undefined
      await ctx.progress(
        total ? Math.min(90, (n / Math.min(total, max)) * 90) : 90,
        `Строк: ${formatNumber(n)}`,
      )
    } while (after && n < max)
    const cut = !!after
    const note = cut
      ? `Выгружены первые ${countOf(n, 'запись', 'записи', 'записей')} из ${formatNumber(total)}: уточните фильтры, чтобы выгрузить остальные.`
      : null
    if (note) ws.addRow([note]).font = { bold: true, color: { argb: 'FFB91C1C' } }

    const named = q.user
      ? await ctx.db
          .selectFrom('users')
          .select('full_name')
          .where('id', '=', q.user)
          .executeTakeFirst()
      : undefined
    const info = wb.addWorksheet('Параметры')
    info.columns = [{ width: 18 }, { width: 70 }]
    for (const row of describe(q, named?.full_name ?? (q.user ? `№ ${q.user}` : null)))
      info.addRow(row)
    info.addRow([
      'Выгружено записей',
      cut ? `${formatNumber(n)} из ${formatNumber(total)}` : String(n),
    ])
    if (note) info.addRow(['Внимание', note]).font = { bold: true }
    info.addRow(['Сформировано', formatDateTime(new Date().toISOString())])

    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    try {
      const file = await storeUpload(
        ctx.db,
        { userId: user.id, ip: null, requestId: `job:${job.id}` },
        config,
        new File([new Uint8Array(bytes)], `Журнал аудита ${moscowToday()}.xlsx`),
        { allowed: ['office'] },
      )
      return { fileId: file.id, message: note ?? `Выгружено записей: ${formatNumber(n)}` }
    } catch (e) {
      if (e instanceof UploadRefused)
        throw new JobError(`Файл выгрузки не сохранён: ${e.message}. Сузьте фильтры.`)
      throw e
    }
  }
