import type { FileTypeResult } from 'file-type'
import { UploadRefused } from './upload-refused.ts'

// What a feature may accept, by the type detected from the content (file-type), never by the
// name. Legacy .doc/.xls are left out on purpose: file-type sees them only as "cfb", the same
// container as .msi installers. SVG is never detected (it is text), so it can't slip in.
export const KINDS = {
  pdf: { label: 'PDF', mimes: ['application/pdf'] },
  image: {
    label: 'JPEG, PNG, WebP, HEIC',
    mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  },
  office: {
    label: 'XLSX, DOCX, ODS, ODT',
    mimes: [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.spreadsheet',
      'application/vnd.oasis.opendocument.text',
    ],
  },
  dwg: { label: 'DWG', mimes: ['image/vnd.dwg'] },
  sqlite: { label: 'база SQLite (.db)', mimes: ['application/x-sqlite3'] },
} as const satisfies Record<string, { label: string; mimes: readonly string[] }>

export type AllowedKind = keyof typeof KINDS

export interface DetectedType {
  mime: string
  ext: string
}

// The detected type if one of the allowed kinds takes it; otherwise the refusal for the form.
export function acceptType(
  detected: FileTypeResult | undefined,
  allowed: readonly AllowedKind[],
): DetectedType {
  const ok =
    detected && allowed.some((k) => (KINDS[k].mimes as readonly string[]).includes(detected.mime))
  if (!ok) {
    const expected = allowed.map((k) => KINDS[k].label).join(', ')
    throw new UploadRefused(`Тип файла не подходит: ожидается ${expected}`)
  }
  return { mime: detected.mime, ext: detected.ext }
}
