import type { AuditLogTable } from '../audit/audit.table.ts'
import type {
  LoginFailuresTable,
  RolePermissionsTable,
  SessionsTable,
  SettingsTable,
} from '../auth/auth.table.ts'
import type { CustomersTable } from '../customers/customers.table.ts'
import type {
  ProjectMembersTable,
  ProjectsTable,
  ProjectVolumesTable,
} from '../projects/projects.table.ts'
import type {
  DocumentFilesTable,
  DocumentMovementsTable,
  DocumentsTable,
  DocumentTypesTable,
  TransmittalsTable,
} from '../documents/documents.table.ts'
import type { FilesTable } from '../files/files.table.ts'
import type { WorklogEntriesTable } from '../worklog/worklog.table.ts'
import type { SchedulePlansTable } from '../gpr/gpr.table.ts'
import type { WeeklyReportsTable } from '../weekly/weekly.table.ts'
import type { NotificationsTable } from '../notifications/notifications.table.ts'
import type {
  RemarkCountersTable,
  RemarkEventsTable,
  RemarkPhotosTable,
  RemarksTable,
} from '../remarks/remarks.table.ts'
import type { JobsTable } from '../jobs/jobs.table.ts'
import type { EditLocksTable, LivePresenceTable } from '../live/live.table.ts'
import type { GroupMembersTable, GroupsTable, UsersTable } from '../users/users.table.ts'
import type { ReferenceTables } from '../reference/reference.table.ts'
import type { StockTables } from '../stock/stock.table.ts'
import type { WorkSessionsTable } from '../shifts/shifts.table.ts'
import type { LegacyImportsTable, LegacyKeysTable } from '../legacy/legacy.table.ts'

// One Database interface assembled from each feature's table types.
export interface Database extends ReferenceTables, StockTables {
  users: UsersTable
  groups: GroupsTable
  group_members: GroupMembersTable
  sessions: SessionsTable
  login_failures: LoginFailuresTable
  role_permissions: RolePermissionsTable
  settings: SettingsTable
  audit_log: AuditLogTable
  customers: CustomersTable
  projects: ProjectsTable
  project_volumes: ProjectVolumesTable
  project_members: ProjectMembersTable
  edit_locks: EditLocksTable
  live_presence: LivePresenceTable
  files: FilesTable
  jobs: JobsTable
  document_types: DocumentTypesTable
  documents: DocumentsTable
  document_movements: DocumentMovementsTable
  transmittals: TransmittalsTable
  document_files: DocumentFilesTable
  remark_counters: RemarkCountersTable
  remarks: RemarksTable
  remark_events: RemarkEventsTable
  remark_photos: RemarkPhotosTable
  notifications: NotificationsTable
  worklog_entries: WorklogEntriesTable
  schedule_plans: SchedulePlansTable
  weekly_reports: WeeklyReportsTable
  work_sessions: WorkSessionsTable
  legacy_keys: LegacyKeysTable
  legacy_imports: LegacyImportsTable
}
