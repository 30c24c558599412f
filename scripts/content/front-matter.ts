import { parse as parseYaml } from 'yaml'

/** A file split into its YAML front matter (parsed) and the Markdown after it. */
export interface SplitFile {
  data: unknown
  body: string
}

const fence = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/

/** Splits `---`-fenced YAML front matter from the body; returns an error message on failure. */
export function splitFrontMatter(text: string): SplitFile | string {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const match = fence.exec(source)
  if (!match) return 'must start with YAML front matter between two "---" lines'
  try {
    return { data: parseYaml(match[1] ?? ''), body: match[2] ?? '' }
  } catch (error) {
    return `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`
  }
}
