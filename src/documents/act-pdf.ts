import { formatDate } from '../lib/format.ts'
import { newPdf, pdfToBuffer } from '../lib/pdf.ts'
import { METHODS } from './documents.schema.ts'
import type { transmittalWithDocuments } from './movements.queries.ts'

type Act = NonNullable<Awaited<ReturnType<typeof transmittalWithDocuments>>> & {
  project: { code: string; name: string; contract_number: string | null }
  sender: string
}

// «Реестр передачи документации»: the printable act handed over with the originals.
export async function renderActPdf(t: Act): Promise<Buffer> {
  const doc = await newPdf()
  doc
    .font('bold')
    .fontSize(14)
    .text(`Реестр передачи исполнительной документации № ${t.number}`, { align: 'center' })
  doc.moveDown(0.5).font('body').fontSize(10)
  doc.text(`Объект: ${t.project.code} — ${t.project.name}`)
  if (t.project.contract_number) doc.text(`Контракт: ${t.project.contract_number}`)
  doc.text(`Дата передачи: ${formatDate(t.sent_on)}`)
  doc.text(`Получатель: ${t.recipient}`)
  doc.text(`Способ передачи: ${METHODS[t.method as keyof typeof METHODS] ?? t.method}`)
  if (t.notes) doc.text(`Примечание: ${t.notes}`)
  doc.moveDown()

  const cols = [30, 90, 230, 60, 45] // №, номер, наименование, дата, листов
  const heads = ['№', 'Номер', 'Наименование документа', 'Дата', 'Листов']
  const row = (cells: string[], bold = false) => {
    const y = doc.y
    let x = doc.page.margins.left
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: cols[i] - 4 }))
    const h = Math.max(...heights) + 6
    if (y + h > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    doc.font(bold ? 'bold' : 'body')
    cells.forEach((cell, i) => {
      doc.rect(x, top, cols[i], h).stroke()
      doc.text(cell, x + 2, top + 3, { width: cols[i] - 4 })
      x += cols[i]
    })
    doc.y = top + h
    doc.x = doc.page.margins.left
  }
  row(heads, true)
  t.documents.forEach((d, i) =>
    row([
      String(i + 1),
      d.number,
      `${d.type_name}: ${d.title}`,
      formatDate(d.doc_date),
      d.sheets != null ? String(d.sheets) : '',
    ]),
  )
  doc.moveDown(2).font('body')
  doc.text(`Передал: ____________________ ${t.sender}`)
  doc.moveDown()
  doc.text('Принял:  ____________________ (подпись, ФИО, дата)')
  return pdfToBuffer(doc)
}
