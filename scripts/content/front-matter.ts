import { parseWithLibrary } from './yaml-library'

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
  const yaml = match[1] ?? ''
  const simple = parseSimpleYaml(yaml)
  if (simple !== undefined) return { data: simple, body: match[2] ?? '' }
  try {
    return { data: parseWithLibrary(yaml), body: match[2] ?? '' }
  } catch (error) {
    return `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`
  }
}

type Scalar = string | number | boolean | never[]
type Plain = Record<string, unknown>

// Plain scalars the YAML 1.2 core schema reads as something other than a string
// (null, booleans, numbers): those are left to the YAML library.
const nonString = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
]

/** One scalar as the YAML library reads it, or undefined where it might read it otherwise. */
function scalar(raw: string): Scalar | undefined {
  if (raw === '[]') return []
  if (raw.startsWith('"')) {
    try {
      // JSON's string syntax is a subset of YAML's double-quoted scalar; the
      // escapes YAML adds (\x, \e, \N, …) make JSON.parse throw, and go to the library.
      const value: unknown = JSON.parse(raw)
      return typeof value === 'string' ? value : undefined
    } catch {
      return undefined
    }
  }
  if (raw.startsWith("'")) {
    return /^'(?:[^']|'')*'$/.test(raw) ? raw.slice(1, -1).replaceAll("''", "'") : undefined
  }
  // A plain scalar on one line: no indicator first, no comment or mapping inside.
  if (/^[-?:,[\]{}#&*!|>%@`\s]/.test(raw) || /:(?:\s|$)|\s#/.test(raw)) return undefined
  // The two plainest non-strings, as site.yaml writes them; the rest go to the library.
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(raw)) return Number(raw)
  if (raw === 'true' || raw === 'false') return raw === 'true'
  if (nonString.some((pattern) => pattern.test(raw))) return undefined
  return raw
}

const indentOf = (line: string) => line.length - line.trimStart().length
const keyLine = /^( *)([A-Za-z][A-Za-z0-9_-]*):(?: (.*))?$/
const itemLine = /^( *)- (.*)$/

/**
 * Reads the shapes front matter and site.yaml are written in (keys with one-line
 * scalars, lists of scalars or of small mappings, nested mappings, whole-line
 * comments) ten times faster than the
 * YAML library; anything else (comments after values, anchors, flow collections,
 * multi-line scalars, tabs, duplicate keys) returns undefined and goes to the
 * library, so what a file means never depends on which reader took it.
 */
export function parseSimpleYaml(yaml: string): Plain | undefined {
  // Tabs, other white space than spaces, control characters and line separators
  // have rules of their own in YAML: the library reads those.
  if (/[^\S \n]|(?!\n)\p{Cc}|[\u2028\u2029\ufeff\ufffe\uffff]/u.test(yaml)) return undefined
  const lines = yaml.split('\n').filter((line) => !/^ *(?:#.*)?$/.test(line))
  const root: Plain = {}
  // The line being read; the readers below call each other for nested blocks.
  let at = 0
  const block = (parentIndent: number): unknown => {
    const first = lines[at]
    if (first === undefined || indentOf(first) <= parentIndent) return undefined
    const indent = indentOf(first)
    return itemLine.test(first) ? list(indent) : mapping(indent, {})
  }
  const list = (indent: number): unknown[] | undefined => {
    const items: unknown[] = []
    for (let line = lines[at]; line !== undefined; line = lines[at]) {
      const item = itemLine.exec(line.replace(/ +$/, ''))
      if (!item || item[1]?.length !== indent) break
      const rest = item[2] ?? ''
      const entry = keyLine.exec(`${' '.repeat(indent + 2)}${rest}`)
      if (entry) {
        // "- name: x" opens a mapping whose keys line up after the dash.
        lines[at] = `${' '.repeat(indent + 2)}${rest}`
        const value = mapping(indent + 2, {})
        if (value === undefined) return undefined
        items.push(value)
      } else {
        const value = scalar(rest)
        if (value === undefined) return undefined
        items.push(value)
        at++
      }
    }
    return items
  }
  const mapping = (indent: number, into: Plain): Plain | undefined => {
    for (let line = lines[at]; line !== undefined; line = lines[at]) {
      if (indentOf(line) < indent) break
      const entry = keyLine.exec(line.replace(/ +$/, ''))
      const key = entry?.[2]
      if (!entry || key === undefined) return undefined
      if ((entry[1]?.length ?? 0) > indent || Object.hasOwn(into, key)) return undefined
      at++
      const raw = entry[3]?.replace(/^ +/, '') ?? ''
      const value = raw === '' ? block(indent) : scalar(raw)
      if (value === undefined) return undefined
      into[key] = value
    }
    return into
  }
  const value = mapping(0, root)
  return value !== undefined && at === lines.length ? value : undefined
}
