import { formatDate } from '../lib/format.ts'

// The weekly report's job kinds and their titles (titles.ts reads these without the handlers).
export const WEEKLY_XLSX_KIND = 'weekly.report.xlsx'
export const WEEKLY_PDF_KIND = 'weekly.report.pdf'

export const WEEKLY_TITLES: Record<string, string> = {
  [WEEKLY_XLSX_KIND]: 'Еженедельный отчёт ГПР (Excel)',
  [WEEKLY_PDF_KIND]: 'Еженедельный отчёт ГПР (PDF)',
}

export const weeklyTitle = (r: { week_start: string; week_end: string }) =>
  `Еженедельный отчёт за неделю ${formatDate(r.week_start)} — ${formatDate(r.week_end)}`

export const PLAN_NOTE =
  'План недели — план каждой строки ГПР, распределённый поровну по рабочим дням (пн–пт) её срока; ' +
  'полный план объектов — весь план строк ГПР, работы по которым запланированы на эту неделю; ' +
  'факт — журнал работ за неделю.'
