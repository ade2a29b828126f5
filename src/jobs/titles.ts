// What each kind of job is called on its page. A feature adding a job kind adds a line here.
export const JOB_TITLES: Record<string, string> = {
  'documents.export.xlsx': 'Выгрузка реестра документации в Excel',
}

export const jobTitle = (kind: string) => JOB_TITLES[kind] ?? 'Фоновое задание'
