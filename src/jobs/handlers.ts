import { STATEMENT_KIND, worklogStatement } from '../worklog/statement.job.ts'
import type { Config } from '../config.ts'
import type { Worker } from './worker.ts'
import { LEGACY_IMPORT_KIND, legacyImportJob } from '../legacy/import.job.ts'
import { EXPORT_KIND, exportDocumentsXlsx } from '../documents/export.job.ts'
import { AUDIT_EXPORT_KIND, exportAuditXlsx } from '../audit/export.job.ts'
import { closurePdf } from '../remarks/reports/closure.job.ts'
import { exportRemarksXlsx } from '../remarks/reports/export.job.ts'
import { REMARK_REPORTS } from '../remarks/reports/kinds.ts'
import { prescriptionPdf } from '../remarks/reports/prescription.job.ts'
import { weeklyPdf, weeklyXlsx } from '../weekly/export.jobs.ts'
import { WEEKLY_PDF_KIND, WEEKLY_XLSX_KIND } from '../weekly/kinds.ts'
import { registerPdf, registerXlsx } from '../stock/registry/export.jobs.ts'
import { REGISTER_PDF_KIND, REGISTER_XLSX_KIND } from '../stock/registry/kinds.ts'
import { TIMESHEET_KIND, timesheetXlsx } from '../shifts/timesheet.job.ts'

export interface JobDeps {
  config: Config
}

// Every feature's job handlers, in one place (as liveRegistry() lists every feature's streams):
//   w.register('documents.export.xlsx', exportDocumentsXlsx(deps.config))
// and a title for its page in titles.ts.
export function registerJobHandlers(w: Worker, deps: JobDeps) {
  return w
    .register(EXPORT_KIND, exportDocumentsXlsx(deps.config))
    .register(REMARK_REPORTS.prescription.kind, prescriptionPdf(deps.config))
    .register(REMARK_REPORTS.closure.kind, closurePdf(deps.config))
    .register(REMARK_REPORTS.xlsx.kind, exportRemarksXlsx(deps.config))
    .register(STATEMENT_KIND, worklogStatement(deps.config))
    .register(WEEKLY_XLSX_KIND, weeklyXlsx(deps.config))
    .register(WEEKLY_PDF_KIND, weeklyPdf(deps.config))
    .register(REGISTER_XLSX_KIND, registerXlsx(deps.config))
    .register(REGISTER_PDF_KIND, registerPdf(deps.config))
    .register(AUDIT_EXPORT_KIND, exportAuditXlsx(deps.config))
    .register(TIMESHEET_KIND, timesheetXlsx(deps.config))
    .register(LEGACY_IMPORT_KIND, legacyImportJob(deps.config), { timeoutMs: 2 * 3600_000 })
}
