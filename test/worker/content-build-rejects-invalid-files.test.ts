import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { renderMarkdown } from '../../scripts/content/markdown'

const roots: string[] = []
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

const valid = `---
title: "परीक्षण लेख"
slug: x
published: 2024-11-27T12:00:00+05:30
language: hi
summary: "सारांश"
authors:
  - name: लेखक
---

पाठ।
`

/** Builds a content folder holding the real site.yaml and the given articles; returns the build's result. */
function build(articles: Record<string, string>, site?: string) {
  const root = mkdtempSync(join(tmpdir(), 'content-'))
  roots.push(root)
  const content = join(root, 'content')
  mkdirSync(join(content, 'articles'), { recursive: true })
  cpSync('content/site.yaml', join(content, 'site.yaml'))
  if (site !== undefined) writeFileSync(join(content, 'site.yaml'), site)
  for (const [name, text] of Object.entries(articles))
    writeFileSync(join(content, 'articles', name), text)
  const out = join(root, 'out')
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build-content.ts', content, out],
    {
      encoding: 'utf8',
    },
  )
  return { status: result.status, stderr: result.stderr, out, root }
}

const articlePath = (root: string, name: string) => join(root, 'content', 'articles', name)

describe('content build', () => {
  it('builds a valid article into JSON', () => {
    const result = build({ 'x.md': valid })
    assert.equal(result.status, 0, result.stderr)
    const compiled = JSON.parse(readFileSync(join(result.out, 'content.json.txt'), 'utf8'))
    assert.equal(compiled.articles[0].title, 'परीक्षण लेख')
    assert.equal(compiled.articles[0].comments, 'open')
    assert.equal(compiled.articles[0].html, undefined, 'bodies are not in the metadata')
    assert.equal(compiled.recentBodies.x, '<p>पाठ।</p>')
    assert.equal(
      readFileSync(join(result.out, 'assets', 'bodies', 'x.html'), 'utf8'),
      '<p>पाठ।</p>',
    )
  })

  it('names the file, field, expectation and value for a bad date', () => {
    const result = build({ 'x.md': valid.replace('2024-11-27T12:00:00+05:30', 'yesterday') })
    assert.equal(result.status, 1)
    assert.ok(
      result.stderr.includes(
        `${articlePath(result.root, 'x.md')}: "published" must be an ISO 8601 date with offset, got "yesterday"`,
      ),
      result.stderr,
    )
  })

  it('refuses a date without an offset', () => {
    const result = build({ 'x.md': valid.replace('2024-11-27T12:00:00+05:30', '2024-11-27') })
    assert.match(
      result.stderr,
      /"published" must be an ISO 8601 date with offset, got "2024-11-27"/,
    )
  })

  it('reports a missing title and a bad language together', () => {
    const result = build({
      'x.md': valid.replace('title: "परीक्षण लेख"\n', '').replace('language: hi', 'language: हिंदी'),
    })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /x\.md: "title" must be text, got nothing/)
    assert.match(result.stderr, /x\.md: "language" must be a BCP 47 language tag, got "हिंदी"/)
  })

  it('refuses a slug that is not kebab-case or does not match the file name', () => {
    assert.match(
      build({ 'x.md': valid.replace('slug: x', 'slug: Not_Kebab') }).stderr,
      /"slug" must be lowercase ASCII kebab-case, got "Not_Kebab"/,
    )
    assert.match(build({ 'y.md': valid }).stderr, /y\.md: "slug" must match the file name, got "x"/)
  })

  it('refuses unknown fields, a bad comments value and a missing front matter', () => {
    assert.match(
      build({ 'x.md': valid.replace('language: hi', 'language: hi\ncolour: red') }).stderr,
      /x\.md: unknown field "colour"/,
    )
    assert.match(
      build({ 'x.md': valid.replace('language: hi', 'language: hi\ncomments: maybe') }).stderr,
      /"comments" must be "open" or "closed", got "maybe"/,
    )
    assert.match(build({ 'x.md': 'just text' }).stderr, /x\.md: must start with YAML front matter/)
  })

  it('refuses an invalid site setting', () => {
    const site = readFileSync('content/site.yaml', 'utf8').replace(/feed_size: \d+/, 'feed_size: 0')
    assert.match(
      build({ 'x.md': valid }, site).stderr,
      /site\.yaml: "feed_size" must be a whole number from 1 to 100, got 0/,
    )
  })

  it('publishes nothing when any file is broken', () => {
    const result = build({
      'x.md': valid,
      'y.md': valid.replace('slug: x', 'slug: y').replace('language: hi', 'language: 1'),
    })
    assert.equal(result.status, 1)
    assert.throws(() => readFileSync(join(result.out, 'content.json.txt')))
  })
})

describe('Markdown rendering', () => {
  it('drops script, event handlers and javascript: links from raw HTML', () => {
    const html = renderMarkdown(
      'Hi <script>alert(1)</script> <img src="x.png" onerror="alert(1)"> [a](javascript:alert(1))',
    )
    assert.doesNotMatch(html, /<script|onerror|javascript:/)
    assert.match(html, /<img src="x.png"/)
  })
})
