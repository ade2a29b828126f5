import { importDocTypes } from './doc-types.ts'
import { importDocuments } from './import-documents.ts'
import { importFileCategories, importUploadedFiles } from './import-files.ts'
import { importGpr } from './import-gpr.ts'
import { importCustomers, importProjects } from './import-projects.ts'
import { importRemarks } from './import-remarks.ts'
import { importMaterials, importRequests, importStocks } from './import-stock.ts'
import { importSessions, importWeekly, skipUserSessions } from './import-team.ts'
import { importMainUsers, importPtoUsers } from './import-users.ts'
import type { Run } from './run.ts'
import type { LegacyFile, Row } from './source.ts'

// The tables each file's steps read; any other table is reported row by row as not imported.
const KNOWN: Record<'main' | 'pto', string[]> = {
  main: [
    'users',
    'user_sessions',
    'customers',
    'project_objects',
    'gpr_records',
    'document_types',
    'documents',
    'document_shipments',
    'document_returns',
    'construction_remarks',
    'remark_history',
    'remark_photos',
    'materials',
    'material_stocks',
    'material_requests',
    'weekly_reports',
    'work_sessions',
    'file_categories',
    'uploaded_files',
  ],
  pto: ['users', 'documents', 'shipments', 'returns'],
}

export async function runSteps(run: Run, main: LegacyFile, pto: LegacyFile | null) {
  await importMainUsers(run, main)
  if (pto) await importPtoUsers(run, pto)
  skipUserSessions(run, main)
  await importCustomers(run, main)
  await importProjects(run, main)
  await importGpr(run, main)
  await importDocTypes(run, main)
  await importDocuments(run, main, pto)
  await importRemarks(run, main)
  await importMaterials(run, main)
  await importStocks(run, main)
  await importRequests(run, main)
  await importWeekly(run, main)
  await importSessions(run, main)
  await importFileCategories(run, main)
  await importUploadedFiles(run, main)
  for (const file of [main, pto])
    for (const table of file?.dataTables() ?? [])
      if (!KNOWN[file!.source].includes(table)) {
        const t = run.tally(file!.source, table)
        file!.rows<Row>(table).forEach((r, i) => {
          t.read()
          t.skip(String(r.id ?? i + 1), 'Таблица не переносится: импорт её не знает')
        })
      }
}
