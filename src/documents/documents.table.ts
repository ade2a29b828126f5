import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export interface DocumentTypesTable extends BusinessColumns {
  id: Generated<number>
  name: string
  short_name: string
  sort_order: Generated<number>
}
export type DocumentType = Selectable<DocumentTypesTable>

export type DocumentState = 'in_office' | 'shipped' | 'returned'

export interface DocumentsTable extends BusinessColumns {
  id: Generated<number>
  project_id: number
  type_id: number
  number: string
  title: string
  doc_date: string | null
  sheets: number | null
  notes: string | null
  state: DocumentState
  recipient: string | null
  shipped_on: string | null
  returned_on: string | null
  condition: string | null
  legacy_key: string | null
  search: string
}
export type DocumentRow = Selectable<DocumentsTable>

export interface DocumentMovementsTable {
  id: Generated<number>
  document_id: number
  kind: 'shipment' | 'return'
  on_date: string
  recipient: string | null
  method: string | null
  condition: string | null
  notes: string | null
  transmittal_id: number | null
  created_at: string
  created_by: number | null
}
export type DocumentMovement = Selectable<DocumentMovementsTable>

export interface TransmittalsTable {
  id: Generated<number>
  project_id: number
  seq: number
  number: string
  recipient: string
  sent_on: string
  method: string
  notes: string | null
  created_at: string
  created_by: number | null
}
export type Transmittal = Selectable<TransmittalsTable>

export interface DocumentFilesTable {
  id: Generated<number>
  document_id: number
  file_id: number
  version: number
  created_at: string
  created_by: number | null
}
