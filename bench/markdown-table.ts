// Display width as Biome's Markdown formatter counts it: combining marks take none.
const width = (text: string) => [...text.replace(/[\p{Mn}\p{Me}]/gu, '')].length

/** A Markdown table with padded columns, as `biome check` formats it. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((_, column) =>
    Math.max(3, ...[head, ...rows].map((row) => width(row[column] ?? ''))),
  )
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - width(cell))).join(' | ')} |`
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
