import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export interface WarehousesTable extends BusinessColumns {
  id: Generated<number>
  name: string
  address: string | null
}
export type Warehouse = Selectable<WarehousesTable>

export type BatchStatus = 'ok' | 'expired' | 'blocked'

// in_store / on_site are the running sums of the batch's movements (store_delta / site_delta),
// updated in the transaction of each movement; nothing else writes them.
export interface StockBatchesTable extends BusinessColumns {
  id: Generated<number>
  number: string
  material_id: number
  warehouse_id: number
  location: string | null
  manufacturer: string | null
  supplier: string | null
  manufactured_on: string | null
  shelf_life_months: number | null
  expires_on: string | null
  received_on: string
  received_qty: number
  in_store: Generated<number>
  on_site: Generated<number>
  blocked: Generated<number>
  blocked_reason: string | null
  notes: string | null
  search: Generated<string>
  legacy_key: string | null
}
export type StockBatch = Selectable<StockBatchesTable>

export type BatchDocumentKind = 'passport' | 'certificate' | 'sampling_act' | 'lab_report'

export interface StockBatchDocumentsTable extends BusinessColumns {
  id: Generated<number>
  batch_id: number
  kind: BatchDocumentKind
  number: string | null
  issued_on: string | null
  file_id: number | null
}
export type StockBatchDocument = Selectable<StockBatchDocumentsTable>

export type MovementKind =
  | 'receipt'
  | 'issue'
  | 'return'
  | 'consumption'
  | 'writeoff'
  | 'correction'

export interface StockMovementsTable {
  id: Generated<number>
  batch_id: number
  kind: MovementKind
  quantity: number
  store_delta: number
  site_delta: number
  project_id: number | null
  crew_id: number | null
  worklog_entry_id: number | null
  request_id: number | null
  reason: string | null
  moved_on: string
  created_at: string
  created_by: number | null
  legacy_key: string | null
}
export type StockMovement = Selectable<StockMovementsTable>

export type AlertCondition = 'low' | 'expiring' | 'expired'

export interface StockAlertsTable {
  id: Generated<number>
  batch_id: number
  condition: AlertCondition
  raised_at: string
  cleared_at: string | null
}
export type StockAlert = Selectable<StockAlertsTable>

export type RequestStatus =
  | 'draft'
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'fulfilled'
  | 'cancelled'

export interface MaterialRequestsTable extends BusinessColumns {
  id: Generated<number>
  project_id: number | null
  material_id: number
  quantity: number
  reason: string | null
  needed_by: string | null
  status: RequestStatus
  source: 'user' | 'threshold' | 'import'
  batch_id: number | null
  decided_by: number | null
  decided_at: string | null
  decision_reason: string | null
  fulfilled_batch_id: number | null
  fulfilled_at: string | null
  legacy_key: string | null
}
export type MaterialRequest = Selectable<MaterialRequestsTable>

// Joined into the one Database interface (src/db/database.ts).
export interface StockTables {
  warehouses: WarehousesTable
  stock_batches: StockBatchesTable
  stock_batch_documents: StockBatchDocumentsTable
  stock_movements: StockMovementsTable
  stock_alerts: StockAlertsTable
  material_requests: MaterialRequestsTable
}
