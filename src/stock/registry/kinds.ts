import { DOCUMENT_KINDS } from '../batch-documents.ts'
import type { BatchDocumentKind } from '../stock.table.ts'

// The register's job kinds and their titles (titles.ts reads these without the handlers).
export const REGISTER_XLSX_KIND = 'stock.registry.xlsx'
export const REGISTER_PDF_KIND = 'stock.registry.pdf'
export const REGISTER_FORMATS = { xlsx: REGISTER_XLSX_KIND, pdf: REGISTER_PDF_KIND } as const
export type RegisterFormat = keyof typeof REGISTER_FORMATS

export const REGISTER_TITLE = 'Реестр применяемых материалов'

export const REGISTER_TITLES: Record<string, string> = {
  [REGISTER_XLSX_KIND]: `${REGISTER_TITLE} (Excel)`,
  [REGISTER_PDF_KIND]: `${REGISTER_TITLE} (PDF)`,
}

// The columns of documents, in the order the register shows them (the labels of batch-documents).
export const DOC_KINDS = Object.entries(DOCUMENT_KINDS) as [BatchDocumentKind, string][]

// What a missing certificate reads as, in every form of the register.
export const NO_CERTIFICATE = 'Нет сертификата'
