import { existsSync, readFileSync, writeFileSync } from 'node:fs'

// Other tools (npm run load) keep their own section in the same file between
// `<!-- name:start ... -->` and `<!-- name:end -->`; a bench run must not erase it.
const foreignBlock = /<!-- ([\w-]+):start[^>]*-->[\s\S]*?<!-- \1:end -->/g

/** Writes the bench report to `file`, keeping the marked sections other tools wrote there. */
export function writeResults(file: string, report: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const kept = current.match(foreignBlock) ?? []
  writeFileSync(file, `${[report.trimEnd(), ...kept].join('\n\n')}\n`)
}
