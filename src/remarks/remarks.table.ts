import type { Generated, Selectable } from 'kysely'
import type { BusinessColumns } from '../db/business.ts'

export type RemarkStatus = 'new' | 'in_progress' | 'fixed' | 'verified' | 'closed' | 'rejected'
export type RemarkPriority = 'low' | 'normal' | 'high' | 'critical'

export interface RemarkCountersTable {
  project_id: number
  last: number
}

export interface RemarksTable extends BusinessColumns {
  id: Generated<number>
  project_id: number
  seq: number
  number: string
  title: string
  description: string | null
  location: string | null
  priority: RemarkPriority
  status: RemarkStatus
  assignee_id: number | null
  assignee_name: string | null
  deadline: string | null
  closed_at: string | null
  reject_reason: string | null
  legacy_key: string | null
  search: string
}
export type Remark = Selectable<RemarksTable>

export interface RemarkEventsTable {
  id: Generated<number>
  remark_id: number
  kind: 'created' | 'status' | 'assignee' | 'deadline' | 'edit' | 'comment' | 'photo'
  from_status: string | null
  to_status: string | null
  detail: string | null
  comment: string | null
  user_id: number | null
  user_name: string | null
  at: string
}

export interface RemarkPhotosTable {
  id: Generated<number>
  remark_id: number
  file_id: number
  thumb_file_id: number | null
  phase: 'before' | 'after'
  caption: string | null
  created_at: string
  created_by: number | null
}
