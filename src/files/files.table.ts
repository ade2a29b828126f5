import type { Generated, Selectable } from 'kysely'

export interface FilesTable {
  id: Generated<number>
  sha256: string
  size: number
  mime: string
  original_name: string
  created_at: string
  created_by: number | null
}
export type StoredFile = Selectable<FilesTable>
