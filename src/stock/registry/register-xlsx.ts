import { newWorkbook } from '../../lib/xlsx.ts'
import { formatDate } from '../../lib/format.ts'
import { UNIT_LABELS } from '../units.ts'
import { DOC_KINDS, NO_CERTIFICATE, REGISTER_TITLE } from './kinds.ts'
import { docText, hasCertificate } from './registry.queries.ts'
import type { RegisterSubject } from './register-subject.ts'

const HEAD = [
  '№',
  'Материал',
  'Партия',
  'Изготовитель',
  'Дата изготовления',
  'Годен до',
  'Количество',
  'Ед. изм.',
  ...DOC_KINDS.map(([, label]) => label),
]
const WIDTHS = [5, 28, 14, 26, 14, 12, 12, 8, 22, 24, 22, 22]
const CERT_COL = HEAD.indexOf(DOC_KINDS[1][1]) + 1

// The register as a sheet: the heading lines, then one row per batch. The quantity is a
// number (with its unit beside it) so the sheet can be summed; dates are text ДД.ММ.ГГГГ.
export async function renderRegisterXlsx(s: RegisterSubject): Promise<Buffer> {
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('Реестр')
  ws.addRow([REGISTER_TITLE]).font = { bold: true, size: 14 }
  ws.addRow([`Объект: ${s.project.code} — ${s.project.name}`])
  if (s.project.contract_number)
    ws.addRow([
      `Контракт: ${s.project.contract_number}` +
        (s.project.contract_date ? ` от ${formatDate(s.project.contract_date)}` : ''),
    ])
  ws.addRow([`Заказчик: ${s.project.customer_name ?? 'не указан'}`])
  ws.addRow([`Период: ${s.periodText}`])
  ws.addRow([])
  const head = ws.addRow(HEAD)
  head.font = { bold: true }
  head.alignment = { wrapText: true, vertical: 'top' }
  s.register.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.material_name,
      r.number,
      r.manufacturer ?? '',
      formatDate(r.manufactured_on),
      formatDate(r.expires_on),
      r.quantity,
      UNIT_LABELS[r.unit],
      ...DOC_KINDS.map(([kind]) =>
        kind === 'certificate' && !hasCertificate(r)
          ? NO_CERTIFICATE
          : r.documents[kind].map(docText).join('\n'),
      ),
    ])
    row.alignment = { wrapText: true, vertical: 'top' }
    if (!hasCertificate(r)) row.getCell(CERT_COL).font = { bold: true, color: { argb: 'FFB91C1C' } }
  })
  if (s.register.truncated) ws.addRow([`Показаны первые ${s.register.rows.length} партий.`])
  ws.columns.forEach((c, i) => (c.width = WIDTHS[i]))
  ws.getColumn(7).numFmt = '#,##0.###'
  return Buffer.from(await wb.xlsx.writeBuffer())
}
