/** A scenario's figures as a table: Markdown, so the same text prints in the terminal and goes into the docs. */
export interface Table {
  columns: string[]
  rows: string[][]
}

const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderTable(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => escape(r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => escape(c).padEnd(widths[i]!)).join(' | ')} |`
  return [line(table.columns), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...table.rows.map(line)].join('\n')
}
