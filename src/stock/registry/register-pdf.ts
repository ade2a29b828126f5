import { formatDate } from '../../lib/format.ts'
import { newPdf, pdfToBuffer } from '../../lib/pdf.ts'
import { DOC_KINDS, NO_CERTIFICATE, REGISTER_TITLE } from './kinds.ts'
import { docText, hasCertificate, quantityText, type RegisterRow } from './registry.queries.ts'
import type { RegisterSubject } from './register-subject.ts'

const RED = '#b91c1c'

type Doc = PDFKit.PDFDocument

const landscapePdf = () =>
  newPdf({
    layout: 'landscape',
    margins: { top: 36, bottom: 44, left: 36, right: 36 },
    bufferPages: true, // to number the sheets once their count is known
    title: REGISTER_TITLE,
  })

// 770 pt across an A4 landscape page between the margins.
const WIDTHS = [24, 104, 64, 84, 70, 58, 62, 76, 84, 72, 72]
const HEAD = [
  '№',
  'Материал',
  'Партия',
  'Изготовитель',
  'Дата изготовления',
  'Годен до',
  'Количество',
  ...DOC_KINDS.map(([, label]) => label),
]

interface Cell {
  text: string
  color?: string
}

// A bordered row; one that does not fit starts a new page, which gets the head again.
function row(doc: Doc, cells: Cell[], bold: boolean, onNewPage?: () => void) {
  const font = () => doc.font(bold ? 'bold' : 'body').fontSize(8)
  font()
  const h = Math.max(...cells.map((c, i) => doc.heightOfString(c.text, { width: WIDTHS[i] - 4 })))
  const height = h + 6
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage()
    onNewPage?.()
    font()
  }
  const top = doc.y
  let x = doc.page.margins.left
  cells.forEach((c, i) => {
    doc.lineWidth(0.5).strokeColor('black').rect(x, top, WIDTHS[i], height).stroke()
    doc.fillColor(c.color ?? 'black').text(c.text, x + 2, top + 3, { width: WIDTHS[i] - 4 })
    x += WIDTHS[i]
  })
  doc.fillColor('black')
  doc.x = doc.page.margins.left
  doc.y = top + height
}

const cellsOf = (r: RegisterRow, i: number): Cell[] => [
  { text: String(i + 1) },
  { text: r.material_name },
  { text: r.number },
  { text: r.manufacturer ?? '' },
  { text: formatDate(r.manufactured_on) },
  { text: formatDate(r.expires_on) },
  { text: quantityText(r) },
  ...DOC_KINDS.map(([kind]): Cell => {
    if (kind === 'certificate' && !hasCertificate(r)) return { text: NO_CERTIFICATE, color: RED }
    return { text: r.documents[kind].map(docText).join('\n') || '—' }
  }),
]

function footer(doc: Doc, s: RegisterSubject) {
  const { start, count } = doc.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0 // writing below the margin must not add a page
    doc
      .font('body')
      .fontSize(7)
      .fillColor('#475569')
      .text(
        `${REGISTER_TITLE} · ${s.project.code} · лист ${i + 1} из ${count}`,
        doc.page.margins.left,
        doc.page.height - 28,
        { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'right' },
      )
    doc.page.margins.bottom = bottom
  }
  doc.fillColor('black')
  return count
}

// The PDF and its number of sheets (a document of the registry records it).
export async function renderRegisterPdf(s: RegisterSubject) {
  const doc = await landscapePdf()
  doc.font('bold').fontSize(14).text(REGISTER_TITLE, { align: 'center' })
  doc.moveDown(0.5).font('body').fontSize(10)
  doc.text(`Объект: ${s.project.code} — ${s.project.name}`)
  if (s.project.contract_number)
    doc.text(
      `Контракт: ${s.project.contract_number}` +
        (s.project.contract_date ? ` от ${formatDate(s.project.contract_date)}` : ''),
    )
  doc.text(`Заказчик: ${s.project.customer_name ?? 'не указан'}`)
  doc.text(`Подрядчик: ${s.project.contractor}`)
  doc.text(`Период: ${s.periodText}`)
  doc.moveDown(0.5)
  const head = () =>
    row(
      doc,
      HEAD.map((text) => ({ text })),
      true,
    )
  head()
  s.register.rows.forEach((r, i) => row(doc, cellsOf(r, i), false, head))
  doc.moveDown(0.5).font('body').fontSize(9)
  const left = doc.page.margins.left
  if (!s.register.rows.length) doc.text('Материал на объект за период не списывался.', left, doc.y)
  if (s.register.truncated)
    doc.fillColor(RED).text(`Показаны первые ${s.register.rows.length} партий.`, left, doc.y)
  const missing = s.register.rows.filter((r) => !hasCertificate(r)).length
  if (missing)
    doc.fillColor(RED).text(`Партий без сертификата / декларации: ${missing}.`, left, doc.y)
  doc.fillColor('black').moveDown(1.5)
  if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.fontSize(10).text('Составил: ______________________ (должность, подпись, ФИО)', left, doc.y)
  const sheets = footer(doc, s)
  return { bytes: await pdfToBuffer(doc), sheets }
}
