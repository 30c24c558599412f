import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

// content/ is the publisher's: they replace the sample with their own site, and
// `npm test` must pass whatever it holds. So the tests, their harness and the
// bench build the sites they serve from test/fixtures/, and no file of theirs
// may read content/. This names each line that would.

const root = fileURLToPath(new URL('../..', import.meta.url))

/** A quoted literal naming the content folder or a path under it, from the working directory. */
const contentLiteral = String.raw`(['"\x60])(?:\./)?content(?:/[^'"\x60\n]*)?\1`

const readsOfContent: { what: string; pattern: RegExp }[] = [
  {
    what: 'a file system call on content/',
    pattern: new RegExp(
      String.raw`\b(?:readFile|readFileSync|readdir|readdirSync|existsSync|statSync|createReadStream|copyFileSync|cpSync|opendir|join|resolve)\s*\(\s*${contentLiteral}`,
    ),
  },
  {
    what: 'a URL up to content/',
    pattern: /\bnew\s+URL\s*\(\s*(['"`])(?:\.\.\/)+content(?:\/[^'"`\n]*)?\1/,
  },
]

/** The arguments of the call that opens at `open` (its parenthesis), up to the one closing it. */
function argumentsOf(text: string, open: number): string {
  let depth = 0
  for (let index = open; index < text.length; index++) {
    if (text[index] === '(') depth++
    else if (text[index] === ')' && --depth === 0) return text.slice(open + 1, index)
  }
  return text.slice(open + 1)
}

/** Names a file gives the repository's root: `const root = fileURLToPath(new URL('../..', …))` and the like. */
const rootBinding =
  /\bconst\s+(\w+)\s*=\s*(?:fileURLToPath\(\s*new\s+URL\(\s*'(?:\.\.\/)*\.\.'|join\(\s*import\.meta\.dirname\s*,\s*'\.\.'\s*\)|process\.cwd\(\))/g

/** Each line of `text` (a file at `path`) that reads the publisher's content/. */
function readsOfPublisherContent(path: string, text: string): string[] {
  const found: string[] = []
  const roots = ['process\\.cwd\\(\\)', ...[...text.matchAll(rootBinding)].map((m) => m[1])]
  const fromRoot = {
    what: 'a path joined from the repository root to content/',
    pattern: new RegExp(
      String.raw`\b(?:join|resolve)\s*\(\s*(?:${roots.join('|')})\s*,\s*${contentLiteral}`,
    ),
  }
  const lines = text.split('\n')
  lines.forEach((line, index) => {
    // A call may run over a few lines; the line it starts on is the one named.
    const statement = lines.slice(index, index + 4).join('\n')
    for (const { what, pattern } of [...readsOfContent, fromRoot]) {
      const match = pattern.exec(statement)
      if (match && match.index < line.length) found.push(`${path}:${index + 1}: ${what}`)
    }
    // generateArticles copies content/site.yaml unless given another settings file.
    const call = /\bgenerateArticles\s*\(/.exec(line)
    if (call && !/\bsiteFile\b/.test(argumentsOf(statement, call.index + call[0].length - 1))) {
      found.push(`${path}:${index + 1}: generateArticles without a siteFile`)
    }
  })
  return found
}

function codeFilesUnder(folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(join(root, path)).isDirectory()) return codeFilesUnder(path)
    return /\.(?:ts|tsx|mts|js|mjs)$/.test(name) ? [path] : []
  })
}

describe("the engine's tests", () => {
  test('never read content/: the sites they serve come from test/fixtures/', () => {
    const self = relative(root, fileURLToPath(import.meta.url))
    const found = ['test', 'bench']
      .flatMap(codeFilesUnder)
      .filter((path) => path !== self)
      .flatMap((path) => readsOfPublisherContent(path, readFileSync(join(root, path), 'utf8')))
    assert.deepEqual(found, [])
  })

  test('every way of reading content/ is named, and fixtures and scratch copies are not', () => {
    const reads = [
      `readFileSync('content/site.yaml', 'utf8')`,
      `cpSync('content', copy, { recursive: true })`,
      `const root = fileURLToPath(new URL('../..', import.meta.url))\ncpSync(join(root, 'content'), to)`,
      `const repoRoot = join(import.meta.dirname, '..')\nconst articles = join(repoRoot, 'content/articles')`,
      `cpSync(join(process.cwd(), 'content'), to)`,
      `const site = new URL('../../content/site.yaml', import.meta.url)`,
      `generateArticles(folder, 300, { words: [20, 60] })`,
      `generateArticles(\n  folder,\n  300,\n)`,
    ]
    for (const line of reads) {
      assert.equal(readsOfPublisherContent('t.ts', line).length, 1, line)
    }
    const fine = [
      `cpSync(testSiteContent, join(scratch, 'content'), { recursive: true })`,
      `const root = mkdtempSync(join(tmpdir(), 'content-'))\nconst content = join(root, 'content')`,
      `form.set('content', 'बहुभागी')`,
      `readFileSync(testSiteSettings, 'utf8')`,
      `generateArticles(folder, 300, { siteFile: testSiteSettings })`,
      `assert.match(message, /does not exist in content\\/media\\//)`,
    ]
    for (const line of fine) assert.deepEqual(readsOfPublisherContent('t.ts', line), [], line)
  })
})
