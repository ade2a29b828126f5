import { formatDate } from '../../lib/format.ts'
import type { ReportProject } from './report-data.ts'

// Drawing helpers shared by the remark reports (A4 portrait from newPdf(), fonts 'body'/'bold').
type Doc = PDFKit.PDFDocument

const GREY = '#666666'
const LINE = '#999999'

export const contentWidth = (doc: Doc) =>
  doc.page.width - doc.page.margins.left - doc.page.margins.right
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom

// A new page unless `h` points still fit on this one. True when a page was added.
export function ensureSpace(doc: Doc, h: number) {
  if (doc.y + h <= bottom(doc)) return false
  doc.addPage()
  return true
}

// The title and the project the report is about.
export function reportHeader(doc: Doc, title: string, p: ReportProject, day: string) {
  doc.font('bold').fontSize(14).text(title, { align: 'center' })
  doc.moveDown(0.5).font('body').fontSize(10)
  doc.text(`Объект: ${p.name}`)
  doc.text(`Шифр: ${p.code}`)
  if (p.contract_number)
    doc.text(
      `Контракт: ${p.contract_number}${p.contract_date ? ` от ${formatDate(p.contract_date)}` : ''}`,
    )
  if (p.customer_name) doc.text(`Заказчик: ${p.customer_name}`)
  doc.text(`Подрядчик: ${p.contractor}`)
  doc.text(`Дата: ${formatDate(day)}`)
  doc.moveDown()
}

// One bordered row of a table. A row that does not fit (together with `keepWith` points of
// what must stay on its page, the first line of its photos, say) starts a new page, where
// `onNewPage` draws the table's head again.
export function tableRow(
  doc: Doc,
  widths: number[],
  cells: string[],
  opts: { bold?: boolean; fontSize?: number; keepWith?: number; onNewPage?: () => void } = {},
) {
  const font = () => doc.font(opts.bold ? 'bold' : 'body').fontSize(opts.fontSize ?? 9)
  font()
  const h =
    Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 4 }))) + 6
  if (ensureSpace(doc, h + (opts.keepWith ?? 0)) && opts.onNewPage) {
    opts.onNewPage()
    font()
  }
  const top = doc.y
  let x = doc.page.margins.left
  cells.forEach((cell, i) => {
    doc.lineWidth(0.5).strokeColor('black').rect(x, top, widths[i], h).stroke()
    doc.text(cell, x + 2, top + 3, { width: widths[i] - 4 })
    x += widths[i]
  })
  doc.x = doc.page.margins.left
  doc.y = top + h
}

// Full-width text under a row (it flows onto the next page by itself).
export function note(doc: Doc, text: string, opts: { fontSize?: number; color?: string } = {}) {
  doc
    .font('body')
    .fontSize(opts.fontSize ?? 8.5)
    .fillColor(opts.color ?? 'black')
    .text(text, doc.page.margins.left, doc.y + 2, { width: contentWidth(doc) })
  doc.fillColor('black')
}

// A photo fitted into a framed box; a missing or unreadable one leaves its box with a note.
function photoBox(doc: Doc, bytes: Buffer | null, x: number, y: number, w: number, h: number) {
  doc.lineWidth(0.5).strokeColor(LINE).rect(x, y, w, h).stroke().strokeColor('black')
  if (bytes) {
    try {
      doc.image(bytes, x + 2, y + 2, { fit: [w - 4, h - 4], align: 'center', valign: 'center' })
      return
    } catch {
      // not a JPEG/PNG pdfkit can read: noted in its box below
    }
  }
  doc
    .font('body')
    .fontSize(8)
    .fillColor(GREY)
    .text('фото недоступно', x + 4, y + h / 2 - 5, { width: w - 8, align: 'center' })
  doc.fillColor('black')
}

// Photos side by side, as many per line as fit, wrapping onto the next lines and pages.
export function photoGrid(doc: Doc, photos: (Buffer | null)[], size: { w: number; h: number }) {
  const gap = 6
  const left = doc.page.margins.left
  const perLine = Math.max(1, Math.floor((contentWidth(doc) + gap) / (size.w + gap)))
  for (let i = 0; i < photos.length; i += perLine) {
    ensureSpace(doc, size.h + gap)
    const y = doc.y + gap / 2
    photos
      .slice(i, i + perLine)
      .forEach((b, j) => photoBox(doc, b, left + j * (size.w + gap), y, size.w, size.h))
    doc.x = left
    doc.y = y + size.h + gap / 2
  }
}

// «До» on the left, «После» on the right, pair by pair.
export function photoPairs(
  doc: Doc,
  before: (Buffer | null)[],
  after: (Buffer | null)[],
  h: number,
) {
  if (!before.length && !after.length) return note(doc, 'Фото не приложены', { color: GREY })
  const gap = 10
  const left = doc.page.margins.left
  const w = (contentWidth(doc) - gap) / 2
  const label = 14
  ensureSpace(doc, label + h + gap)
  const top = doc.y + gap / 2
  doc.font('bold').fontSize(9)
  doc.text('До устранения', left, top, { width: w, align: 'center' })
  doc.text('После устранения', left + w + gap, top, { width: w, align: 'center' })
  doc.y = top + label
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    ensureSpace(doc, h + gap)
    const y = doc.y
    const sides = [before, after] as const
    sides.forEach((list, s) => {
      const x = left + s * (w + gap)
      if (i < list.length) photoBox(doc, list[i], x, y, w, h)
      else if (i === 0) {
        doc.lineWidth(0.5).strokeColor(LINE).rect(x, y, w, h).stroke().strokeColor('black')
        doc
          .font('body')
          .fontSize(8)
          .fillColor(GREY)
          .text('фото не приложено', x + 4, y + h / 2 - 5, { width: w - 8, align: 'center' })
        doc.fillColor('black')
      }
    })
    doc.x = left
    doc.y = y + h + gap / 2
  }
}

// Signature lines at the end of a report.
export function signatures(doc: Doc, lines: string[]) {
  ensureSpace(doc, 30 * lines.length + 20)
  doc.moveDown(1.5).font('body').fontSize(10)
  for (const line of lines) {
    doc.text(line, doc.page.margins.left, doc.y, { width: contentWidth(doc) })
    doc.moveDown()
  }
}
