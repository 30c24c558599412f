import { existsSync, readFileSync, writeFileSync } from 'node:fs'

// Other tools (npm run load) and the bench's other parts keep their own section in
// the same file between `<!-- name:start ... -->` and `<!-- name:end -->`; a run
// of one part must not erase another's.
const foreignBlock = /<!-- ([\w-]+):start[^>]*-->[\s\S]*?<!-- \1:end -->/g

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '')

/** Writes the bench report to `file`, keeping the marked sections other tools wrote there. */
export function writeResults(file: string, report: string): void {
  const kept = read(file).match(foreignBlock) ?? []
  writeFileSync(file, `${[report.trimEnd(), ...kept].join('\n\n')}\n`)
}

/** Replaces the marked section `name` of `file` with `markdown`, or adds it at the end. */
export function writeSection(file: string, name: string, markdown: string): void {
  const current = read(file)
  const block = `<!-- ${name}:start -->\n${markdown.trimEnd()}\n<!-- ${name}:end -->`
  const existing = new RegExp(`<!-- ${name}:start[^>]*-->[\\s\\S]*?<!-- ${name}:end -->`)
  const next = existing.test(current)
    ? current.replace(existing, () => block)
    : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(file, next)
}
