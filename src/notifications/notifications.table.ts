import type { Generated, Selectable } from 'kysely'

export interface NotificationsTable {
  id: Generated<number>
  user_id: number
  kind: string
  title: string
  body: string | null
  href: string | null
  created_at: string
  read_at: string | null
}
export type Notification = Selectable<NotificationsTable>
