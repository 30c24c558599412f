import assert from 'node:assert/strict'
import { it } from 'node:test'
import { unstable_readConfig } from 'wrangler'
import { buildLists } from '../../scripts/content/lists'
import { parseArticle } from '../../scripts/content/parse-article'
import { staticAssetFiles } from '../../scripts/content/static-assets'
import { staticFeeds } from '../../scripts/content/static-feeds'
import { dataFiles } from '../../src/content/data-files'
import type { SiteSettings } from '../../src/content/types'
import { paths } from '../../src/paths'

// wrangler.toml is static: these hold its run_worker_first against the paths the build writes.
const declared = unstable_readConfig({ config: 'wrangler.toml' }).assets?.run_worker_first
const patterns = Array.isArray(declared) ? declared : []

/** Whether a run_worker_first pattern matches a path: `*` stands for any characters, `/` too. */
function matches(pattern: string, path: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`).test(path)
}
const runsWorkerFirst = (path: string) => patterns.some((pattern) => matches(pattern, path))

/** The static feeds of a one-article site, at the URL paths readers ask for. */
function feedPaths(): string[] {
  const site: SiteSettings = {
    title: 'साइट',
    description: 'विवरण',
    language: 'hi',
    idAuthority: 'example.org,2024',
    feedSize: 1,
    autoApproveComments: false,
    feeds: 'static',
    commentOrigins: [],
    menu: [],
    sections: [],
  }
  const text = `---\ntitle: "लेख"\nslug: a1\npublished: 2025-01-01T00:00:00Z\nlanguage: hi\nsummary: "सारांश"\nauthors:\n  - name: लेखक\ntags: ["खेल"]\n---\n\nपाठ\n`
  const parsed = parseArticle('a1.md', text, (markdown) => ({ html: markdown, problems: [] }))
  assert.ok(parsed.ok)
  const { html: _html, ...meta } = parsed.value
  const entries = [0, 1, 2, 3].map((n) => ({ meta, hash: `h${n}`, publishedAt: 0 }))
  const { lists } = buildLists(entries, 1, site.feedSize)
  const withBody = () => ({ ...meta, html: 'पाठ' })
  const input = { site, lists, origin: '', rendererStamp: '', withBody, fileBudget: 1_000 }
  const files = staticFeeds(input).files
  return [...files.keys()].map((path) => path.split('/').map(encodeURIComponent).join('/'))
}

it('negates no pattern: the assets alone answer a negated path, a 404 where the build wrote no file', () => {
  assert.ok(patterns.length > 0, 'wrangler.toml lists run_worker_first patterns')
  assert.deepEqual(
    patterns.filter((pattern) => pattern.startsWith('!')),
    [],
  )
})

it('runs the Worker first for every data file, so no URL reaches one', () => {
  for (const path of [
    dataFiles.siteList(0),
    dataFiles.siteNewest,
    dataFiles.listHead('tag', 'x'),
    dataFiles.shard(0),
    dataFiles.feedDigests,
    dataFiles.searchShard(0),
    dataFiles.sitemap,
    dataFiles.page('about'),
  ]) {
    assert.ok(runsWorkerFirst(path), path)
  }
})

it('leaves to the assets every file written for readers: the static files, media and static feeds', () => {
  const readers = [
    ...[...staticAssetFiles('https://example.org').keys()].filter((path) => path !== '/_headers'),
    paths.media('photo.jpg'),
    ...feedPaths(),
  ]
  assert.ok(readers.includes(`${paths.archiveFeeds(paths.tagFeeds('खेल'), 1)}feed.json`))
  for (const path of readers) assert.equal(runsWorkerFirst(path), false, path)
})
