import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export interface CustomersTable extends BusinessColumns {
  id: Generated<number>
  name: string
  inn: string | null
  contact_info: string | null
  address: string | null
  comments: string | null
  legacy_key: string | null
  search: string
}
export type Customer = Selectable<CustomersTable>
