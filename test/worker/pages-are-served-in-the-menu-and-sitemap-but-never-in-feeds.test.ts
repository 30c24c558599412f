import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'

const fixture = 'test/fixtures/site-with-pages'
const html = { accept: 'text/html' }

/** A copy of the fixture site with `extra` files added (paths relative to it). */
function fixtureCopy(extra: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pages-site-'))
  cpSync(fixture, join(root, 'content'), { recursive: true })
  for (const [path, text] of Object.entries(extra)) writeFileSync(join(root, 'content', path), text)
  return root
}

function buildContent(root: string) {
  return spawnSync(
    process.execPath,
    [
      'scripts/run-bundled.mjs',
      'scripts/build-content.ts',
      join(root, 'content'),
      join(root, 'out'),
    ],
    { encoding: 'utf8' },
  )
}

describe('a site with pages', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ scriptPath: buildFixtureBundle(fixture), quiet: true })
  })
  after(() => worker?.stop())

  it('serves each page at /<slug> as HTML in its language, without comments', async () => {
    const about = await worker.fetch('/about', { headers: html })
    assert.equal(about.status, 200)
    assert.equal(about.headers.get('content-type'), 'text/html; charset=utf-8')
    const page = await about.text()
    assert.match(page, /<html lang="hi"/)
    assert.match(page, /<h1>हमारे बारे में<\/h1>/)
    assert.match(page, /यह <strong>परिचय<\/strong> का पन्ना है।/)
    assert.match(page, /<meta name="description" content="यह साइट कौन चलाता है।"/)
    assert.doesNotMatch(page, /id="comment-form"/, 'a page takes no comments')
    const privacy = await (await worker.fetch('/privacy-notice', { headers: html })).text()
    assert.match(privacy, /<html lang="en"/)
    assert.match(privacy, /<time datetime="2025-01-10T09:00:00\+05:30">/)
    assert.equal((await worker.fetch('/about/comments')).status, 404)
  })

  it('answers a second GET with 304 by its ETag', async () => {
    const first = await worker.fetch('/about', { headers: html })
    await first.body?.cancel()
    const etag = first.headers.get('etag') ?? ''
    const again = await worker.fetch('/about', { headers: { ...html, 'if-none-match': etag } })
    assert.equal(again.status, 304)
  })

  it('leaves a draft page and any unknown slug out: 404', async () => {
    assert.equal((await worker.fetch('/unfinished', { headers: html })).status, 404)
    assert.equal((await worker.fetch('/no-such-page', { headers: html })).status, 404)
  })

  it('links the site menu from every page, in the order of site.yaml', async () => {
    for (const path of ['/', '/articles/first-report', '/about', '/no-such-page']) {
      const page = await (await worker.fetch(path, { headers: html })).text()
      const nav = /<nav class="site"[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? ''
      assert.deepEqual(
        [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]),
        [
          ['/about', 'परिचय'],
          ['/privacy-notice', 'Privacy'],
          ['https://example.org/', 'Elsewhere'],
        ],
        path,
      )
    }
  })

  it('lists the pages in the sitemap, with lastmod when a page says when it changed', async () => {
    const sitemap = await (await worker.fetch('/sitemap.xml')).text()
    assert.match(sitemap, /<loc>[^<]*\/about<\/loc><\/url>/)
    assert.match(
      sitemap,
      /<loc>[^<]*\/privacy-notice<\/loc><lastmod>2025-01-10T09:00:00\+05:30<\/lastmod>/,
    )
    assert.doesNotMatch(sitemap, /unfinished/)
  })

  it('never puts a page in a feed', async () => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const feed = await (await worker.fetch(path)).text()
      assert.match(feed, /first-report/, path)
      for (const text of ['/about', 'हमारे बारे में', 'privacy-notice', 'Privacy notice']) {
        assert.ok(!feed.includes(text), `${path} mentions ${text}`)
      }
    }
  })
})

describe('the content build', () => {
  const roots: string[] = []
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  })

  it('refuses a page whose slug a route takes, naming the file and the reserved slugs', () => {
    const root = fixtureCopy({ 'pages/tags.md': '---\ntitle: Tags\n---\n\nMy tags.\n' })
    roots.push(root)
    const result = buildContent(root)
    assert.equal(result.status, 1)
    assert.match(
      result.stderr,
      /pages\/tags\.md: the page would be served at \/tags, which the site's own routes use; rename the file \(reserved: articles, tags, authors, archive, admin, sitemaps, media, search, comments, feed, rss, atom\)/,
    )
  })

  it('warns of a menu link to a page that does not exist', () => {
    const root = fixtureCopy({})
    roots.push(root)
    rmSync(join(root, 'content', 'pages', 'about.md'))
    const result = buildContent(root)
    assert.equal(result.status, 0, result.stderr)
    assert.match(
      result.stderr,
      /Warning: .*site\.yaml: "menu\.0\.href" links to \/about, but there is no .*pages\/about\.md/,
    )
  })
})
