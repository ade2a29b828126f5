import type { ImportReport } from './import.ts'

const HEAD = ['прочитано', 'импортировано', 'объединено', 'пропущено'] as const

// The report as plain text for the terminal: a table per legacy table with a total, the files,
// then every skipped row with its reason.
export function reportText(r: ImportReport): string {
  const rows = Object.entries(r.tables).map(
    ([name, t]) => [name, t.read, t.imported, t.merged, t.skipped] as const,
  )
  const sum = (i: 1 | 2 | 3 | 4) => rows.reduce((n, row) => n + row[i], 0)
  const all = [...rows, ['итого', sum(1), sum(2), sum(3), sum(4)] as const]
  const first = Math.max('таблица'.length, ...all.map((row) => row[0].length))
  const line = (cells: readonly (string | number)[]) =>
    cells
      .map((c, i) => (i === 0 ? String(c).padEnd(first) : String(c).padStart(HEAD[i - 1].length)))
      .join('  ')
  const out = [
    r.dryRun
      ? 'Пробный запуск: ничего не записано, так прошёл бы импорт.'
      : 'Импорт из прежней программы выполнен.',
    '',
    line(['таблица', ...HEAD]),
    ...rows.map(line),
    line(all[all.length - 1]),
    '',
    `Файлы: перенесено ${r.files.copied}, не найдено ${r.files.missing.length}`,
    ...r.files.missing.map((m) => `  ${m}`),
  ]
  const skipped = Object.entries(r.tables).flatMap(([name, t]) =>
    t.skippedRows.map((s) => `  ${name} #${s.key}: ${s.reason}`),
  )
  if (skipped.length) out.push('', 'Пропущенные строки:', ...skipped)
  return out.join('\n')
}
