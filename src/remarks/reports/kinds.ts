// The remark reports: the last segment of POST /projects/:id/remarks/report/:report, the job
// kind (handlers.ts), the job page's title (titles.ts) and the label of its button.
export const REMARK_REPORTS = {
  prescription: {
    kind: 'remarks.prescription.pdf',
    title: 'Предписание строительного контроля (PDF)',
    button: 'Предписание (PDF)',
  },
  closure: {
    kind: 'remarks.closure.pdf',
    title: 'Отчет об устранении замечаний (PDF)',
    button: 'Отчет об устранении (PDF)',
  },
  xlsx: {
    kind: 'remarks.export.xlsx',
    title: 'Выгрузка замечаний в Excel',
    button: 'Выгрузить в Excel',
  },
} as const
export type RemarkReport = keyof typeof REMARK_REPORTS

export const remarkReport = (s: string | undefined): RemarkReport | null =>
  s && Object.hasOwn(REMARK_REPORTS, s) ? (s as RemarkReport) : null
