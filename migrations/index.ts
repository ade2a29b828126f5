import type { Migration } from 'kysely'
import * as foundation from './2026_11_26_1000_foundation.ts'
import * as live from './2026_11_26_1100_live.ts'
import * as filesJobs from './2026_11_26_1200_files_jobs.ts'
import * as documents from './2026_11_26_1300_documents.ts'
import * as remarks from './2026_11_26_1400_remarks.ts'
import * as reference from './2026_11_26_1500_reference.ts'
import * as worklog from './2026_11_26_1600_worklog.ts'
import * as schedule from './2026_11_26_1700_schedule.ts'
import * as weekly from './2026_11_26_1800_weekly.ts'
import * as warehouse from './2026_11_26_1900_warehouse.ts'
import * as team from './2026_11_26_2000_team.ts'
import * as legacy from './2026_11_26_2100_legacy.ts'
import * as listIndexes from './2026_11_26_2200_list_indexes.ts'
import * as perf from './2026_11_26_2300_perf.ts'

// Every migration, in order. Named by date so the order is the name order.
export const migrations: Record<string, Migration> = {
  '2026_11_26_1000_foundation': foundation,
  '2026_11_26_1100_live': live,
  '2026_11_26_1200_files_jobs': filesJobs,
  '2026_11_26_1300_documents': documents,
  '2026_11_26_1400_remarks': remarks,
  '2026_11_26_1500_reference': reference,
  '2026_11_26_1600_worklog': worklog,
  '2026_11_26_1700_schedule': schedule,
  '2026_11_26_1800_weekly': weekly,
  '2026_11_26_1900_warehouse': warehouse,
  '2026_11_26_2000_team': team,
  '2026_11_26_2100_legacy': legacy,
  '2026_11_26_2200_list_indexes': listIndexes,
  '2026_11_26_2300_perf': perf,
}
