import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { renderBody } from '../../scripts/content/markdown'
import { mediaLibrary } from '../../scripts/content/media'
import { dataFiles, shardCountFor, shardOf } from '../../src/content/data-files'
import type { ContentManifest } from '../../src/content/types'
import { testSiteSettings } from '../harness/test-site'
import { pngHeader } from '../support/images'

// test-runner: long (a content build per broken file): started first, so the run does not end waiting for it.

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

/** Builds a content folder holding the test site's site.yaml and the given articles; returns the build's result. */
function build(
  articles: Record<string, string>,
  site?: string,
  media: Record<string, Buffer> = {},
) {
  const root = mkdtempSync(join(tmpdir(), 'content-'))
  roots.push(root)
  const content = join(root, 'content')
  mkdirSync(join(content, 'articles'), { recursive: true })
  cpSync(testSiteSettings, join(content, 'site.yaml'))
  if (site !== undefined) writeFileSync(join(content, 'site.yaml'), site)
  for (const [name, text] of Object.entries(articles))
    writeFileSync(join(content, 'articles', name), text)
  mkdirSync(join(content, 'media'))
  for (const [name, bytes] of Object.entries(media))
    writeFileSync(join(content, 'media', name), bytes)
  return buildAgain(root)
}

/**
 * Runs the build on the content folder under `root` again, into the same output,
 * as wrangler's [build] command and `npm run build:content` run it: bundled once
 * (scripts/run-bundled.mjs), so the thirty builds here do not each load tsx.
 */
function buildAgain(root: string, env: Record<string, string> = {}) {
  const out = join(root, 'out')
  const result = spawnSync(
    process.execPath,
    ['scripts/run-bundled.mjs', 'scripts/build-content.ts', join(root, 'content'), out],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  )
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, out, root }
}

const articlePath = (root: string, name: string) => join(root, 'content', 'articles', name)

describe('content build', () => {
  it('leaves a draft out unless the build is for npm start, which keeps it marked', () => {
    const draft = valid
      .replace('slug: x', 'slug: d')
      .replace('  - name: लेखक\n---', '  - name: लेखक\ndraft: true\n---')
    const listed = (out: string) =>
      JSON.parse(readFileSync(join(out, 'assets', dataFiles.siteList(0)), 'utf8')) as Array<{
        slug: string
        draft?: boolean
      }>
    const deployable = build({ 'x.md': valid, 'd.md': draft })
    assert.equal(deployable.status, 0, deployable.stderr)
    assert.deepEqual(
      listed(deployable.out).map((a) => a.slug),
      ['x'],
    )
    assert.doesNotMatch(
      readFileSync(join(deployable.out, 'assets', dataFiles.sitemap), 'utf8'),
      /articles\/d</,
    )
    const forStart = buildAgain(deployable.root, { CONTENT_INCLUDE_DRAFTS: '1' })
    assert.equal(forStart.status, 0, forStart.stderr)
    assert.deepEqual(
      listed(forStart.out).map((a) => [a.slug, a.draft]),
      [
        ['x', undefined],
        ['d', true],
      ],
    )
  })

  it('hands invalid content to the dev server as problems, printed once, and drops them once fixed', () => {
    const good = build({ 'x.md': valid })
    assert.equal(good.status, 0, good.stderr)
    const manifestOf = (out: string) =>
      JSON.parse(readFileSync(join(out, 'content.json.txt'), 'utf8')) as ContentManifest
    const lastGood = manifestOf(good.out)
    const file = articlePath(good.root, 'x.md')
    writeFileSync(file, valid.replace('2024-11-27T12:00:00+05:30', 'yesterday'))
    const problem = `${file}:4: "published" must be an ISO 8601 date with offset, got "yesterday"`

    const deploy = buildAgain(good.root)
    assert.equal(deploy.status, 1, 'a build that may be deployed still fails')
    assert.deepEqual(manifestOf(deploy.out), lastGood, 'and leaves the manifest alone')

    const forStart = buildAgain(good.root, { CONTENT_INCLUDE_DRAFTS: '1' })
    assert.equal(forStart.status, 0, 'wrangler dev reloads only after a build that succeeded')
    assert.deepEqual(manifestOf(forStart.out), { ...lastGood, problems: [problem] })
    assert.equal(forStart.stderr.split(problem).length, 2, `printed once:\n${forStart.stderr}`)
    assert.doesNotMatch(forStart.stderr, /^\s+at /m, 'no stack trace')

    writeFileSync(file, valid)
    const fixed = buildAgain(good.root, { CONTENT_INCLUDE_DRAFTS: '1' })
    assert.equal(fixed.status, 0, fixed.stderr)
    assert.deepEqual(manifestOf(fixed.out), lastGood)
  })

  it('builds a valid article into its shard, the index and the newest file, none of it in the bundle', () => {
    const result = build({ 'x.md': valid })
    assert.equal(result.status, 0, result.stderr)
    const manifest = JSON.parse(readFileSync(join(result.out, 'content.json.txt'), 'utf8'))
    assert.deepEqual(manifest.articles, { count: 1, scheduled: [], newestFrom: 0 })
    assert.equal(manifest.shardCount, 1)
    assert.doesNotMatch(JSON.stringify(manifest), /परीक्षण लेख/, 'no article in the bundle')
    const asset = (path: string) =>
      JSON.parse(readFileSync(join(result.out, 'assets', path), 'utf8'))
    const shard = asset(dataFiles.shard(shardOf('x', 1)))
    assert.equal(shard.x.title, 'परीक्षण लेख')
    assert.equal(shard.x.comments, 'open')
    assert.equal(shard.x.html, '<p>पाठ।</p>')
    const [listed] = asset(dataFiles.siteList(0))
    assert.equal(listed.title, 'परीक्षण लेख')
    assert.equal(listed.html, undefined, 'the list of articles carries no bodies')
    const [newest] = asset(dataFiles.siteNewest)
    assert.deepEqual(newest, shard.x, 'the newest file carries what the feed shows, body and all')
  })

  it('refuses an image without alt text, naming the file, the line and the image', () => {
    const result = build({ 'x.md': `${valid}\n![](/media/chart.png)\n` }, undefined, {
      'chart.png': pngHeader(640, 480),
    })
    assert.equal(result.status, 1)
    assert.ok(
      result.stderr.includes(
        `${articlePath(result.root, 'x.md')}:13: image "/media/chart.png" has no alt text: write ![what the image shows](/media/chart.png)`,
      ),
      result.stderr,
    )
  })

  it('copies media and writes the lead image with its size into the article', () => {
    const result = build(
      { 'x.md': `${valid}\n![A chart of rainfall](/media/chart.png)\n` },
      undefined,
      { 'chart.png': pngHeader(640, 480) },
    )
    assert.equal(result.status, 0, result.stderr)
    const shard = JSON.parse(readFileSync(join(result.out, 'assets', dataFiles.shard(0)), 'utf8'))
    assert.match(
      shard.x.html,
      /<img src="\/media\/chart.png" alt="A chart of rainfall" width="640" height="480"/,
    )
    assert.deepEqual(shard.x.image, {
      url: '/media/chart.png',
      width: 640,
      height: 480,
      type: 'image/png',
      length: pngHeader(640, 480).length,
      alt: 'A chart of rainfall',
    })
    assert.deepEqual(
      readFileSync(join(result.out, 'assets', 'media', 'chart.png')),
      pngHeader(640, 480),
    )
    // The home page's cards read the lists, never a shard: their entries carry it too.
    const [listed] = JSON.parse(
      readFileSync(join(result.out, 'assets', dataFiles.siteList(0)), 'utf8'),
    )
    assert.deepEqual(listed.image, shard.x.image)
  })

  it('names the file, line, field, expectation and value for a bad date', () => {
    const result = build({ 'x.md': valid.replace('2024-11-27T12:00:00+05:30', 'yesterday') })
    assert.equal(result.status, 1)
    assert.ok(
      result.stderr.includes(
        `${articlePath(result.root, 'x.md')}:4: "published" must be an ISO 8601 date with offset, got "yesterday"`,
      ),
      result.stderr,
    )
  })

  it('refuses a date that is not on the calendar, which Date.parse would move on', () => {
    for (const date of [
      '2026-02-30T09:00:00+05:30',
      '2025-02-29T09:00:00Z',
      '2026-04-31T09:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-13-01T09:00:00Z',
    ]) {
      const result = build({ 'x.md': valid.replace('2024-11-27T12:00:00+05:30', date) })
      assert.equal(result.status, 1, date)
      assert.ok(
        result.stderr.includes(
          `x.md:4: "published" must be a date and time on the calendar (months of 28 to 31 days, hours 00 to 23), got "${date}"`,
        ),
        result.stderr,
      )
    }
    const leapDay = build({
      'x.md': valid.replace('2024-11-27T12:00:00+05:30', '2024-02-29T09:00:00+05:30'),
    })
    assert.equal(leapDay.status, 0, leapDay.stderr)
    const withoutSeconds = build({
      'x.md': valid.replace('2024-11-27T12:00:00+05:30', '2026-12-07T09:10+00:00'),
    })
    assert.equal(withoutSeconds.status, 0, withoutSeconds.stderr)
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
    assert.match(result.stderr, /x\.md:4: "language" must be a BCP 47 language tag, got "हिंदी"/)
  })

  it('refuses a slug that is not kebab-case or does not match the file name', () => {
    assert.match(
      build({ 'x.md': valid.replace('slug: x', 'slug: Not_Kebab') }).stderr,
      /"slug" must be lowercase ASCII kebab-case, got "Not_Kebab"/,
    )
    assert.match(
      build({ 'y.md': valid }).stderr,
      /y\.md:3: "slug" must match the file name, got "x"/,
    )
  })

  it('refuses unknown fields, a bad comments value and a missing front matter', () => {
    assert.match(
      build({ 'x.md': valid.replace('language: hi', 'language: hi\ncolour: red') }).stderr,
      /x\.md:6: unknown field "colour"/,
    )
    assert.match(
      build({ 'x.md': valid.replace('language: hi', 'language: hi\ncomments: maybe') }).stderr,
      /"comments" must be "open" or "closed", got "maybe"/,
    )
    assert.match(build({ 'x.md': 'just text' }).stderr, /x\.md: must start with YAML front matter/)
  })

  it('refuses an invalid site setting', () => {
    const site = readFileSync(testSiteSettings, 'utf8').replace(/feed_size: \d+/, 'feed_size: 0')
    assert.match(
      build({ 'x.md': valid }, site).stderr,
      /site\.yaml:10: "feed_size" must be a whole number from 1 to 100, got 0/,
    )
  })

  it('refuses a way of serving feeds other than worker or static', () => {
    const site = `${readFileSync(testSiteSettings, 'utf8').trimEnd()}\nfeeds: files\n`
    assert.match(
      build({ 'x.md': valid }, site).stderr,
      /site\.yaml:\d+: "feeds" must be "worker" or "static", got "files"/,
    )
  })

  it('refuses a section no article carries, naming the line of "sections:"', () => {
    const settings = readFileSync(testSiteSettings, 'utf8')
    const site = `${settings.trimEnd()}\nsections:\n  - खेल\n  - राजनीति\n`
    const line = site.split('\n').indexOf('sections:') + 1
    const result = build({ 'x.md': valid.replace('\n---\n', '\ntags: [राजनीति]\n---\n') }, site)
    assert.equal(result.status, 1)
    assert.ok(
      result.stderr.includes(
        `site.yaml:${line}: "sections.0" is "खेल", a tag no article carries: its page would be 404`,
      ),
      result.stderr,
    )
    assert.doesNotMatch(result.stderr, /sections\.1/)
  })

  it("refuses an author's file with a bad name, link or unknown field, naming the file and field", () => {
    const first = build({ 'x.md': valid })
    assert.equal(first.status, 0, first.stderr)
    const root = roots.at(-1) as string
    const authors = join(root, 'content', 'authors')
    mkdirSync(authors)
    writeFileSync(join(authors, 'Bad Name.yaml'), 'name: कोई\n')
    writeFileSync(
      join(authors, 'reporter.yaml'),
      'name: लेखक\nphoto: x.jpg\nlinks:\n  - label: X\n    url: ftp://x.example/\n',
    )
    const result = buildAgain(root)
    assert.equal(result.status, 1)
    assert.match(
      result.stderr,
      /authors\/Bad Name\.yaml: an author's file name must be lowercase ASCII kebab-case/,
    )
    assert.match(result.stderr, /authors\/reporter\.yaml:\d+: .*photo/)
    assert.match(
      result.stderr,
      /authors\/reporter\.yaml:\d+: "links\.0\.url" must be an http\(s\) URL, got "ftp:\/\/x\.example\/"/,
    )
  })

  it('picks up an edited article in an incremental build, compiling only it', () => {
    const first = build({ 'x.md': valid, 'y.md': valid.replace('slug: x', 'slug: y') })
    assert.equal(first.status, 0, first.stderr)
    writeFileSync(articlePath(first.root, 'x.md'), valid.replace('परीक्षण लेख', 'बदला हुआ शीर्षक'))
    const again = buildAgain(first.root)
    assert.equal(again.status, 0, again.stderr)
    assert.match(again.stdout, /\(1 file\(s\) read, 1 compiled, /)
    const articleIn = (slug: string) =>
      JSON.parse(
        readFileSync(
          join(again.out, 'assets', dataFiles.shard(shardOf(slug, shardCountFor(2)))),
          'utf8',
        ),
      )[slug]
    assert.equal(articleIn('x').title, 'बदला हुआ शीर्षक')
    assert.equal(articleIn('y').title, 'परीक्षण लेख')
    const listed = JSON.parse(
      readFileSync(join(again.out, 'assets', dataFiles.siteList(0)), 'utf8'),
    ) as Array<{ title: string }>
    assert.ok(listed.some((article) => article.title === 'बदला हुआ शीर्षक'))
  })

  it('after a build stopped while writing assets, writes every asset again', () => {
    const first = build({ 'x.md': valid })
    assert.equal(first.status, 0, first.stderr)
    const shardPath = join(first.out, 'assets', dataFiles.shard(shardOf('x', 1)))
    const whole = readFileSync(shardPath, 'utf8')
    // What a build stopped midway leaves: a half-written file and its mark.
    writeFileSync(shardPath, whole.slice(0, 20))
    writeFileSync(join(first.out, 'build-state.bin.writing'), '')
    const again = buildAgain(first.root)
    assert.equal(again.status, 0, again.stderr)
    assert.equal(readFileSync(shardPath, 'utf8'), whole)
    assert.equal(existsSync(join(first.out, 'build-state.bin.writing')), false)
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
  it('drops script, event handlers and javascript: links from raw HTML, and refuses a raw <img> without alt, width and height', () => {
    const body = renderBody(
      'Hi <script>alert(1)</script> <img src="x.png" onerror="alert(1)"> [a](javascript:alert(1))',
      mediaLibrary(mkdtempSync(join(tmpdir(), 'media-'))),
    )
    assert.doesNotMatch(body.html, /<script|onerror|javascript:/)
    assert.deepEqual(body.problems, [
      'image "x.png" in HTML has no alt text, width or height: write images as ![alt text](/media/<file name>), or as HTML <img> with alt, width and height',
    ])
  })
})
