// Plain fixed-width tables for the terminal, and the same rows as Markdown for the docs.
export type Cell = string | number

const text = (c: Cell) => (typeof c === 'number' ? (Number.isNaN(c) ? '—' : String(c)) : c)

export function terminalTable(head: string[], rows: Cell[][]): string {
  const all = [head, ...rows.map((r) => r.map(text))]
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)))
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join(
    '\n',
  )
}

export function markdownTable(head: string[], rows: Cell[][]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`
  return [
    line(head),
    line(head.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...rows.map((r) => line(r.map(text))),
  ].join('\n')
}
