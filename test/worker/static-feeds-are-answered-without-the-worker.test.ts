import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { feedFormatIds, feedFormats } from '../../src/feeds/formats'
import { paths } from '../../src/paths'
import { buildFixtureBundle, buildOutputOf } from '../harness/fixture-bundle'
import { startStubBehindAssets, workerRan } from '../harness/stub-worker'
import { startWorker, type TestWorker } from '../harness/worker'
import { contentFolder } from '../support/content-folder'
import { assertStrictlyValidFeed } from '../support/strict-feed-validators'

// Seven articles two to a page: the site's, the tag's and the author's feeds each
// have two archive pages; the two-word tag's three articles have none.
const siteUrl = 'https://news.example.org'
const hub = 'https://hub.example.org/'
const tag = 'नया'
const twoWords = 'दो शब्द'
const articles = Array.from({ length: 7 }, (_, n) => ({
  slug: `article-${n + 1}`,
  published: `2025-0${n + 1}-01T06:00:00+05:30`,
  tags: n < 3 ? [tag, twoWords] : [tag],
}))

let bundle: string
/** The built site's assets before a Worker that only says it ran. */
let stub: TestWorker
/** The same bundle with every request run by the Worker: the feeds as the Worker serves them. */
let live: TestWorker

before(async () => {
  const content = contentFolder(articles, {
    settings: { feeds: 'static', feed_size: 2, websub_hub: hub },
  })
  bundle = buildFixtureBundle(content, { SITE_URL: siteUrl })
  stub = await startStubBehindAssets(bundle)
  live = await startWorker({ scriptPath: bundle, countAssets: true, vars: { SITE_URL: siteUrl } })
})
after(async () => {
  await stub?.stop()
  await live?.stop()
})

const folders: Array<[folder: string, archivePages: number]> = [
  [paths.siteFeeds, 2],
  [paths.tagFeeds(tag), 2],
  [paths.authorFeeds('लेखक'), 2],
  [paths.tagFeeds(twoWords), 0],
]
const feedPaths = folders.flatMap(([folder, pages]) =>
  [folder, ...Array.from({ length: pages }, (_, n) => paths.archiveFeeds(folder, n + 1))].flatMap(
    (documentFolder) => feedFormatIds.map((format) => documentFolder + feedFormats[format].file),
  ),
)

/**
 * Headers of the transport or of each server's own validators: the asset server's
 * ETag is its own hash and it sends no Last-Modified (checked apart).
 */
const transportOrValidator = [
  'date',
  'etag',
  'last-modified',
  'cf-cache-status',
  'content-encoding',
  'content-length',
  'transfer-encoding',
]

/** A live feed as a static one must read: its comment counts taken out. */
function withoutCounts(path: string, body: string): string {
  if (path.endsWith(feedFormats.json.file)) {
    const feed = JSON.parse(body) as { items: Array<{ _comments?: { count?: number } }> }
    for (const item of feed.items) delete item._comments?.count
    return JSON.stringify(feed)
  }
  return body
    .replace(/\n\s*<slash:comments>\d+<\/slash:comments>/g, '')
    .replace(/ thr:count="\d+"/g, '')
}

describe('feeds: static', () => {
  it('answers every site, tag and author feed and archive page, in every format, without running the Worker', async () => {
    for (const path of feedPaths) {
      const response = await stub.fetch(path)
      assert.equal(response.status, 200, path)
      assert.notEqual(await response.text(), workerRan, path)
      const head = await stub.fetch(path, { method: 'HEAD' })
      assert.equal(head.status, 200, path)
      assert.equal(await head.text(), '', path)
    }
  })

  it('serves them with every header the Worker sends but Last-Modified (nosniff, CORS, WebSub Link), and 304 to a conditional GET', async () => {
    for (const path of feedPaths) {
      const [asset, worker] = [await stub.fetch(path), await live.fetch(path)]
      const headers = (response: Response) => {
        const kept: Record<string, string> = {}
        response.headers.forEach((value, name) => {
          if (!transportOrValidator.includes(name)) kept[name] = value
        })
        return kept
      }
      assert.deepEqual(headers(asset), headers(worker), path)
      assert.equal(worker.headers.has('last-modified'), true, path)
      assert.equal(asset.headers.has('last-modified'), false, path)
      assert.equal(asset.headers.get('x-content-type-options'), 'nosniff')
      assert.equal(asset.headers.get('access-control-allow-origin'), '*')
      const etag = asset.headers.get('etag')
      assert.ok(etag, path)
      const again = await stub.fetch(path, { headers: { 'if-none-match': etag } })
      assert.equal(again.status, 304, path)
    }
    assert.equal(
      (await stub.fetch('/feed.xml')).headers.get('link'),
      `<${hub}>; rel="hub", <${siteUrl}/feed.xml>; rel="self"`,
    )
  })

  it('writes the Worker’s feeds byte for byte, but for the comment counts, which they leave out', async () => {
    for (const path of feedPaths) {
      const asset = await (await stub.fetch(path)).text()
      const worker = await (await live.fetch(path)).text()
      assert.doesNotMatch(asset, /<slash:comments>|thr:count|"count":/, path)
      // The Worker counts comments in its subscription feeds only; archive pages never change.
      if (!path.includes('/archive/')) assert.notEqual(withoutCounts(path, worker), worker, path)
      assert.equal(asset, withoutCounts(path, worker), path)
      await assertStrictlyValidFeed(asset, siteUrl + path)
    }
  })

  it('leaves the comment feeds and comments to the Worker, with their live counts', async () => {
    for (const path of [
      `${paths.siteCommentFeeds}feed.xml`,
      `${paths.commentFeeds('article-7')}feed.json`,
      paths.comments('article-7'),
    ]) {
      assert.equal(await (await stub.fetch(path)).text(), workerRan, path)
    }
  })

  it('answers another method, a CORS preflight included, with the asset server’s 405', async () => {
    for (const method of ['POST', 'OPTIONS']) {
      const response = await stub.fetch('/feed.xml', {
        method,
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
      })
      assert.equal(response.status, 405, method)
      assert.notEqual(await response.text(), workerRan, method)
    }
  })

  it('lets a feed path the build wrote no file for fall through to the Worker', async () => {
    for (const path of ['/tags/unknown/feed.xml', '/archive/3/atom.xml']) {
      assert.equal(await (await stub.fetch(path)).text(), workerRan, path)
    }
  })

  it('says nothing of scheduled articles when none is', () => {
    assert.doesNotMatch(buildOutputOf(bundle), /Static feeds:/)
  })
})
