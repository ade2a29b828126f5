import { REMARK_REPORTS } from '../remarks/reports/kinds.ts'
import { WEEKLY_TITLES } from '../weekly/kinds.ts'
import { REGISTER_TITLES } from '../stock/registry/kinds.ts'

// What each kind of job is called on its page. A feature adding a job kind adds a line here.
export const JOB_TITLES: Record<string, string> = {
  'worklog.statement.xlsx': 'Ведомость объемов работ (Excel)',
  'documents.export.xlsx': 'Выгрузка реестра документации в Excel',
  'audit.export.xlsx': 'Выгрузка журнала аудита в Excel',
  'shifts.timesheet.xlsx': 'Табель учёта рабочего времени (Excel)',
  'legacy.import': 'Импорт данных из прежней программы',
  [REMARK_REPORTS.prescription.kind]: REMARK_REPORTS.prescription.title,
  [REMARK_REPORTS.closure.kind]: REMARK_REPORTS.closure.title,
  [REMARK_REPORTS.xlsx.kind]: REMARK_REPORTS.xlsx.title,
  ...WEEKLY_TITLES,
  ...REGISTER_TITLES,
}

export const jobTitle = (kind: string) => JOB_TITLES[kind] ?? 'Фоновое задание'
