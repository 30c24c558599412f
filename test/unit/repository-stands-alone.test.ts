import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'

// A clone with nothing beside it must install, build and pass its tests, so no
// file may lean on a folder next to the checkout. This walks every file the
// repository carries and names each line that reaches outside it.

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Built from parts so that this file does not name the folder it forbids. */
const siblingFolder = ['..', 'shared'].join('/')

/** Where the samples below pretend to live: two folders under the root, like this test. */
const sampleFile = 'test/unit/sample.ts'

const codeExtensions = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'])

/** A quoted literal with no interpolation: 'x', "x" or `x`. */
const literal = String.raw`(['"\x60])([^'"\x60\n$]*)\1`

/** How a relative literal in code is resolved: from the file's folder, as a URL
 *  against the file's own URL, or (for fs calls, which resolve against the
 *  working directory) from the repository root, where every npm script runs. */
type Base = 'file' | 'url' | 'root'

const codeForms: { what: string; pattern: RegExp; base: Base }[] = [
  { what: 'import', pattern: new RegExp(String.raw`\bfrom\s*${literal}`, 'g'), base: 'file' },
  { what: 'import', pattern: new RegExp(String.raw`\bimport\s*${literal}`, 'g'), base: 'file' },
  {
    what: 'import()',
    pattern: new RegExp(String.raw`\bimport\s*\(\s*${literal}`, 'g'),
    base: 'file',
  },
  {
    what: 'require()',
    pattern: new RegExp(String.raw`\brequire(?:\.resolve)?\s*\(\s*${literal}`, 'g'),
    base: 'file',
  },
  {
    what: 'new URL(…, import.meta.url)',
    pattern: new RegExp(String.raw`\bnew\s+URL\s*\(\s*${literal}\s*,\s*import\.meta\.url\b`, 'g'),
    base: 'url',
  },
  {
    what: 'file system call',
    pattern: new RegExp(
      String.raw`\b(?:readFile|readFileSync|readdir|readdirSync|existsSync|statSync|createReadStream|copyFileSync|cpSync|access|accessSync|opendir)\s*\(\s*${literal}`,
      'g',
    ),
    base: 'root',
  },
  {
    what: 'reference path',
    pattern: new RegExp(String.raw`///\s*<reference\s+path\s*=\s*${literal}`, 'g'),
    base: 'file',
  },
]

/** join/resolve from the file's own folder with literal segments, e.g. up two levels. */
const joinFromHere =
  /\b(?:join|resolve)\s*\(\s*(?:__dirname|import\.meta\.dirname)\s*((?:,\s*(?:'[^'\n]*'|"[^"\n]*")\s*)+)[,)]/g

/** Markdown link targets: inline [text](target) and reference [label]: target. */
const markdownLinks = [/\]\(\s*<?([^)\s>]+)/g, /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm]

function isRelative(path: string): boolean {
  return path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../')
}

function isInside(path: string): boolean {
  const fromRoot = relative(root, path)
  return fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot)
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

/** Every way `text` (the contents of `file`, relative to the root) reaches outside the root. */
function referencesOutside(file: string, text: string): string[] {
  const found: string[] = []
  const here = dirname(join(root, file))
  const report = (index: number, message: string) =>
    found.push(`${file}:${lineOf(text, index)}: ${message}`)

  for (const [index, line] of text.split('\n').entries()) {
    if (line.includes(siblingFolder)) found.push(`${file}:${index + 1}: names ${siblingFolder}`)
  }

  if (codeExtensions.has(extname(file))) {
    for (const { what, pattern, base } of codeForms) {
      for (const match of text.matchAll(pattern)) {
        const target = match[2] ?? ''
        if (!isRelative(target)) continue
        const resolved =
          base === 'url'
            ? fileURLToPath(new URL(target, pathToFileURL(join(root, file))))
            : resolve(base === 'file' ? here : root, target)
        if (!isInside(resolved)) report(match.index, `${what} '${target}' leaves the repository`)
      }
    }
    for (const match of text.matchAll(joinFromHere)) {
      const segments = [...(match[1] ?? '').matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map(
        (segment) => segment[1] ?? segment[2] ?? '',
      )
      if (!isInside(resolve(here, ...segments))) {
        report(match.index, `path '${segments.join("', '")}' leaves the repository`)
      }
    }
  }

  if (extname(file) === '.md') {
    for (const pattern of markdownLinks) {
      for (const match of text.matchAll(pattern)) {
        const target = (match[1] ?? '').split('#')[0] ?? ''
        // Links with a scheme (https:, mailto:) and in-page anchors stay put;
        // GitHub resolves a leading slash from the repository root.
        if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue
        const resolved = target.startsWith('/') ? join(root, target) : resolve(here, target)
        if (!isInside(resolved)) report(match.index, `link '${target}' leaves the repository`)
      }
    }
  }
  return found
}

/** Paths .gitignore keeps out of the repository, as tests on a tree without .git see them. */
function ignoredByGitignore(): (path: string) => boolean {
  const rules = readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  return (path) => {
    const parts = path.split('/')
    return rules.some((rule) => {
      const pattern = rule.replace(/^\/|\/$/g, '')
      if (pattern.startsWith('*.')) return path.endsWith(pattern.slice(1))
      // A rule with an inner slash is anchored at the root; one without matches at any depth.
      if (pattern.includes('/')) return path === pattern || path.startsWith(`${pattern}/`)
      return parts.includes(pattern)
    })
  }
}

/** The files git tracks or would track (new files not yet added count too). */
function gitFiles(): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, encoding: 'utf8' },
  )
  // A tracked file deleted from the working tree is not there to refer to anything; during
  // a merge an unmerged file is listed once per stage.
  const paths = listed.split('\0').filter((path) => path !== '' && existsSync(join(root, path)))
  return [...new Set(paths)]
}

/** The files of a copy without .git (a downloaded archive): the tree minus what .gitignore keeps out. */
function walkedFiles(): string[] {
  const ignored = ignoredByGitignore()
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`
      if (entry.name === '.git' || ignored(path)) continue
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) files.push(path)
    }
  }
  walk('')
  return files
}

const hasGit = existsSync(join(root, '.git'))

function isText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 8000).includes(0)
}

describe('the repository stands alone', () => {
  test('no file the repository carries refers to anything outside it', () => {
    const files = hasGit ? gitFiles() : walkedFiles()
    assert.ok(files.includes('package.json'), 'the file list should cover the repository')
    const found = files.flatMap((file) => {
      const bytes = readFileSync(join(root, file))
      return isText(bytes) ? referencesOutside(file, bytes.toString('utf8')) : []
    })
    assert.deepEqual(found, [], `references outside the repository:\n${found.join('\n')}`)
  })

  test('without .git, walking the tree finds the files git lists', { skip: !hasGit }, () => {
    assert.deepEqual(walkedFiles().sort(), gitFiles().sort())
  })

  test('each form of reach outside the repository is named with its file and line', () => {
    // Samples are assembled at run time so this file itself stays clean.
    const up = '../'.repeat(sampleFile.split('/').length)
    const q = "'"
    const samples: [string, string][] = [
      [`import { x } from ${q}${up}elsewhere/x${q}`, `import '${up}elsewhere/x'`],
      [`const m = await import(${q}${up}elsewhere/m.js${q})`, `import() '${up}elsewhere/m.js'`],
      [`const m = require(${q}${up}elsewhere/m${q})`, `require() '${up}elsewhere/m'`],
      [
        `const p = new URL(\n  ${q}${up}elsewhere/seed.txt${q},\n  import.meta.url,\n)`,
        `new URL(…, import.meta.url) '${up}elsewhere/seed.txt'`,
      ],
      [`readFileSync(${q}../elsewhere.txt${q}, 'utf8')`, `file system call '../elsewhere.txt'`],
      [`join(import.meta.dirname, ${q}..${q}, ${q}..${q}, ${q}..${q})`, `path '..', '..', '..'`],
      [`const note = ${q}${siblingFolder}/notes${q}`, `names ${siblingFolder}`],
    ]
    for (const [source, expected] of samples) {
      const found = referencesOutside(sampleFile, `// first line\n${source}\n`)
      assert.equal(found.length, 1, `${source} → ${found.join('; ')}`)
      assert.ok(found[0]?.startsWith(`${sampleFile}:2: ${expected}`), `${source} → ${found[0]}`)
    }
    const markdown = referencesOutside('docs/x.md', `# Title\n\nSee [notes](../../notes.md).\n`)
    assert.deepEqual(markdown, [`docs/x.md:3: link '../../notes.md' leaves the repository`])
  })

  test('references that stay inside the repository pass', () => {
    const inside = [
      `import { seed } from './support/seed'`,
      `import { Hono } from 'hono'`,
      `const root = fileURLToPath(new URL('../..', import.meta.url))`,
      `readFileSync('wrangler.toml', 'utf8')`,
      `readdirSync('/proc')`,
      `join(import.meta.dirname, '..')`,
    ].join('\n')
    assert.deepEqual(referencesOutside(sampleFile, inside), [])
    const markdown = '[contract](docs/contract.md), [site](https://example.com/a/../b), [top](#top)'
    assert.deepEqual(referencesOutside('README.md', markdown), [])
  })
})
