import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

// The README is short and sends its reader into docs/, so every relative link
// in README.md and docs/*.md has to land: on a file that exists and, when it
// names a #fragment, on a heading of that file as GitHub slugs it.

const root = fileURLToPath(new URL('../..', import.meta.url))

/** README.md and every Markdown file of docs/, as paths from the root. */
function documents(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  return ['README.md', ...docs]
}

/** The lines of a Markdown text outside fenced code blocks, with their numbers (from 1). */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = []
  let fence: string | undefined
  markdown.split('\n').forEach((text, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1]
    if (fence !== undefined) {
      if (
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        /^ {0,3}[`~]+\s*$/.test(text)
      ) {
        fence = undefined
      }
      return
    }
    if (marker) {
      fence = marker
      return
    }
    out.push({ line: index + 1, text })
  })
  return out
}

/** The text GitHub shows for a heading's Markdown: code spans, links, images and emphasis unwrapped. */
function headingText(markdown: string): string {
  return markdown
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*+/g, '')
    .trim()
}

/**
 * GitHub's heading slug (github-slugger): lowercase; drop every character that
 * is not a letter, mark, number, connector (`_`), hyphen or space, so
 * Devanagari letters and their vowel signs stay; each space becomes a hyphen.
 */
export function slug(heading: string): string {
  return headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor a Markdown text's headings produce: a repeated slug gets -1, -2, … */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const found = new Set<string>()
  for (const { text } of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(text)
    if (!heading) continue
    const base = slug(heading[1] ?? '')
    let candidate = base
    let count = seen.get(base) ?? 0
    while (found.has(candidate)) {
      count += 1
      candidate = `${base}-${count}`
    }
    seen.set(base, count)
    found.add(candidate)
  }
  return found
}

/** The targets of the inline links and images of a Markdown text, outside code, with their lines. */
export function links(markdown: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = []
  for (const { line, text } of proseLines(markdown)) {
    const prose = text.replace(/(`+)[^`]*?\1/g, '')
    for (const match of prose.matchAll(
      /\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+"[^"]*")?\s*\)/g,
    )) {
      out.push({ line, target: match[1] ?? '' })
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/.exec(prose)
    if (definition) out.push({ line, target: definition[1] ?? '' })
  }
  return out
}

/** A link to another site, a mail address or a path on the served site: not a file here. */
function isRelative(target: string): boolean {
  return target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//')
}

type Read = (path: string) => string | undefined

/** The problems of one document's relative links, as `file:line: link 'x' …`. */
export function brokenLinks(file: string, markdown: string, read: Read): string[] {
  const problems: string[] = []
  for (const { line, target } of links(markdown)) {
    if (!isRelative(target)) continue
    const hash = target.indexOf('#')
    const pathPart = hash === -1 ? target : target.slice(0, hash)
    const fragment = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1))
    const where = `${file}:${line}: link '${target}'`
    if (pathPart.startsWith('/')) {
      problems.push(`${where} starts at the site's root, not at this file: write it relative`)
      continue
    }
    const path =
      pathPart === ''
        ? file
        : relative(root, resolve(root, dirname(file), decodeURIComponent(pathPart)))
    const text = read(path)
    if (text === undefined) {
      problems.push(`${where} points to ${path}, which does not exist`)
      continue
    }
    if (fragment === undefined || fragment === '' || !path.endsWith('.md')) continue
    if (!anchors(text).has(fragment)) {
      problems.push(`${where}: no heading of ${path} makes the anchor #${fragment}`)
    }
  }
  return problems
}

/** Reads a file of the repository; a folder reads as empty; undefined when there is nothing. */
const readFromDisk: Read = (path) => {
  const full = join(root, path)
  if (!existsSync(full)) return undefined
  return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8')
}

describe('relative links in README.md and docs/', () => {
  test('every relative link reaches a file, and every #anchor a heading of it', () => {
    const problems = documents().flatMap((file) =>
      brokenLinks(file, readFromDisk(file) ?? '', readFromDisk),
    )
    assert.deepEqual(problems, [])
  })

  test('headings slug as GitHub slugs them: punctuation dropped, Devanagari kept, repeats numbered', () => {
    assert.equal(
      slug('Limits, and what a refused or flooding client sees'),
      'limits-and-what-a-refused-or-flooding-client-sees',
    )
    assert.equal(slug('Site settings (`content/site.yaml`)'), 'site-settings-contentsiteyaml')
    assert.equal(slug('Archived feeds (RFC 5005)'), 'archived-feeds-rfc-5005')
    assert.equal(slug('The request bench: `npm run bench`'), 'the-request-bench-npm-run-bench')
    assert.equal(slug('हिंदी में टिप्पणी: नियम'), 'हिंदी-में-टिप्पणी-नियम')
    assert.equal(
      slug('A [linked](x.md) *heading* with_underscore'),
      'a-linked-heading-with_underscore',
    )
    const made = anchors('# Notes\n\n## Setup\n\n```sh\n# Setup\n```\n\n## Setup\n\n### Setup ##\n')
    assert.deepEqual([...made], ['notes', 'setup', 'setup-1', 'setup-2'])
  })

  test('a link to a missing file or a missing anchor is named with its line', () => {
    const files: Record<string, string> = {
      'docs/a.md': '# A\n\n## Deploying\n\n## Deploying\n\n## नियम\n',
    }
    const read: Read = (path) => files[path]
    const text = [
      '# Title',
      '[ok](a.md#deploying) [ok](a.md#deploying-1) [ok](a.md#नियम) [ok](a.md#%E0%A4%A8%E0%A4%BF%E0%A4%AF%E0%A4%AE)',
      '[ok](#title) [ok](https://example.org/x.md#nowhere) `[code](nowhere.md)`',
      '[gone](missing.md)',
      '[no heading](a.md#deploying-2) [no heading](#nowhere)',
      '```',
      '[in a fence](missing.md)',
      '```',
      '[root](/media/x.jpg)',
    ].join('\n')
    assert.deepEqual(
      brokenLinks('docs/b.md', text, (path) => (path === 'docs/b.md' ? text : read(path))),
      [
        "docs/b.md:4: link 'missing.md' points to docs/missing.md, which does not exist",
        "docs/b.md:5: link 'a.md#deploying-2': no heading of docs/a.md makes the anchor #deploying-2",
        "docs/b.md:5: link '#nowhere': no heading of docs/b.md makes the anchor #nowhere",
        "docs/b.md:9: link '/media/x.jpg' starts at the site's root, not at this file: write it relative",
      ],
    )
  })
})
