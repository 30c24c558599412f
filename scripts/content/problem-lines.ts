/**
 * Puts the line a content problem is on into its message: `file:line: problem`,
 * the form editors and terminals turn into a link. A problem names a field
 * (`"published" must be…`, `unknown field "x"`), which is on the line of its
 * top-level key, or quotes a piece of the body (`image "/media/x.png" has no
 * alt text…`), which is on the first line holding it. One it cannot place
 * keeps `file: problem`.
 */
export function withLines(file: string, text: string, problems: readonly string[]): string[] {
  const lines = text.split('\n')
  return problems.map((problem) => {
    const line = lineOf(lines, problem)
    return line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`
  })
}

/** The first quoted part of a problem: the field or the text it is about. */
function quoted(problem: string): string | undefined {
  const open = problem.indexOf('"')
  const close = open < 0 ? -1 : problem.indexOf('"', open + 1)
  return close > open + 1 ? problem.slice(open + 1, close) : undefined
}

function lineOf(lines: readonly string[], problem: string): number | undefined {
  const about = quoted(problem)
  if (about === undefined) return undefined
  const namesField = problem.startsWith(`"${about}"`) || problem.startsWith('unknown field')
  if (namesField) {
    // "authors.0.name" is under the top-level key "authors".
    const key = `${about.split('.')[0]}:`
    const index = lines.findIndex((line) => line.startsWith(key))
    return index < 0 ? undefined : index + 1
  }
  const index = lines.findIndex((line) => line.includes(about))
  return index < 0 ? undefined : index + 1
}
