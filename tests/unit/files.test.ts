import ExcelJS from 'exceljs'
import { fileTypeFromBuffer } from 'file-type'
import { describe, expect, it } from 'vitest'
import { acceptType } from '../../src/files/kinds.ts'
import { cleanName, contentDisposition } from '../../src/files/names.ts'
import { UploadRefused } from '../../src/files/upload-refused.ts'

describe('upload names', () => {
  it('keeps only the last path segment, whatever the separator', () => {
    expect(cleanName('../../etc/passwd', 'pdf')).toBe('passwd.pdf')
    expect(cleanName('C:\\x\\y.pdf', 'pdf')).toBe('y.pdf')
    expect(cleanName('/', 'pdf')).toBe('файл.pdf')
    expect(cleanName('..', 'pdf')).toBe('файл.pdf')
  })

  it('drops control and bidi-override characters and Windows-reserved ones, keeps Cyrillic', () => {
    expect(cleanName('акт\r\nSet-Cookie: x.pdf', 'pdf')).toBe('актSet-Cookie_ x.pdf')
    // «счёт‮fdp.exe» shows as «счётexe.pdf» in a file manager
    expect(cleanName('счёт\u202efdp.exe', 'pdf')).toBe('счётfdp.exe.pdf')
    expect(cleanName('Схема "Ленинградское ш." <км 12>.pdf', 'pdf')).toBe(
      'Схема _Ленинградское ш._ _км 12_.pdf',
    )
  })

  it('ends in the extension of the detected type, keeping dots in the name itself', () => {
    expect(cleanName('Акт № 5 от 01.02.2026', 'pdf')).toBe('Акт № 5 от 01.02.2026.pdf')
    expect(cleanName('фото.JPEG', 'jpg')).toBe('фото.jpeg')
    expect(cleanName('акт.pdf', 'png')).toBe('акт.pdf.png')
  })

  it('limits the length without cutting a character in half', () => {
    const name = cleanName(`${'Ведомость объемов работ '.repeat(20)}.xlsx`, 'xlsx')
    expect(Array.from(name).length).toBeLessThanOrEqual(120)
    expect(name).toMatch(/^Ведомость объемов работ .*[^ ]\.xlsx$/)
    expect(cleanName(`${'🚧'.repeat(200)}.pdf`, 'pdf')).toBe(`${'🚧'.repeat(116)}.pdf`)
  })

  it('offers an ASCII fallback and the real name in UTF-8 for the download', () => {
    expect(contentDisposition('attachment', 'Акт (1) "итог".pdf')).toBe(
      `attachment; filename="___ (1) ______.pdf"; filename*=UTF-8''` +
        '%D0%90%D0%BA%D1%82%20%281%29%20%22%D0%B8%D1%82%D0%BE%D0%B3%22.pdf',
    )
    expect(contentDisposition('inline', 'scan.png')).toBe(
      `inline; filename="scan.png"; filename*=UTF-8''scan.png`,
    )
  })
})

describe('upload types', () => {
  const detect = (bytes: Uint8Array | string) =>
    fileTypeFromBuffer(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)

  it('refuses executables and unknown content, whatever kind is allowed', async () => {
    const refusals = [
      await detect(`\x7fELF\x02\x01\x01\x00${'\0'.repeat(64)}`),
      await detect(`MZ\x90\x00${'\0'.repeat(64)}`),
      await detect('просто текст, не PDF'),
    ]
    for (const found of refusals) {
      expect(() => acceptType(found, ['pdf', 'image', 'office', 'dwg'])).toThrow(UploadRefused)
    }
    expect(() => acceptType(refusals[0], ['pdf'])).toThrow('Тип файла не подходит: ожидается PDF')
  })

  it('takes a PDF as pdf and an XLSX made by exceljs as office, not the other way round', async () => {
    const pdf = await detect('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n')
    expect(acceptType(pdf, ['pdf'])).toEqual({ mime: 'application/pdf', ext: 'pdf' })
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Ведомость').addRow(['Линия 1.1', 120.5])
    const xlsx = await detect(new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(acceptType(xlsx, ['office']).ext).toBe('xlsx')
    expect(() => acceptType(xlsx, ['pdf', 'image'])).toThrow(
      'Тип файла не подходит: ожидается PDF, JPEG, PNG, WebP, HEIC',
    )
    expect(() => acceptType(pdf, ['office'])).toThrow(UploadRefused)
  })
})
