import { existsSync } from 'node:fs'

// Cyrillic needs a real TTF: Debian's fonts-dejavu-core (the README and .ci/run install it).
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
const FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'

// A4 with the Cyrillic fonts 'body' and 'bold'; portrait with 50 pt margins unless told.
// pdfkit (~18 MB in memory) is loaded on the first PDF, not when the server starts.
export async function newPdf(
  opts: Pick<PDFKit.PDFDocumentOptions, 'layout' | 'margins' | 'bufferPages'> & {
    title?: string
  } = {},
) {
  if (!existsSync(FONT)) throw new Error(`Нет шрифта ${FONT}: установите пакет fonts-dejavu-core`)
  const { title, ...layout } = opts
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    ...(layout.margins ? {} : { margin: 50 }),
    ...layout,
    info: { Producer: 'Строд-Сервис', ...(title ? { Title: title } : {}) },
  })
  doc.registerFont('body', FONT)
  doc.registerFont('bold', existsSync(FONT_BOLD) ? FONT_BOLD : FONT)
  doc.font('body')
  return doc
}

export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}
