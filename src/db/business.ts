import type { Generated } from 'kysely'

// Columns every business table has (see migrations/_helpers.ts withBusiness).
export interface BusinessColumns {
  version: Generated<number>
  created_at: string
  created_by: number | null
  updated_at: string
  updated_by: number | null
  deleted_at: string | null
}

export const nowIso = () => new Date().toISOString()
