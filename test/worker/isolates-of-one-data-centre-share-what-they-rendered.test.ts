import assert from 'node:assert/strict'
import { it } from 'node:test'
import { Response as MiniflareResponse } from 'miniflare'
import { renderedResponse } from '../../src/http/rendered'
import { sharedRenderAddress, storedRender } from '../../src/http/shared-renders'
import { paths } from '../../src/paths'
import type { AssetRead } from '../harness/asset-reads'
import type { TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postJson,
  slug,
  untilReadersSee,
  validComment,
} from '../support/comments'
import { dataCentres } from '../support/data-centres'

const openDataCentre = dataCentres()

const site = 'https://news.example'
const commentFeedPath = `${paths.article(slug)}/comments/feed.xml`

/** A data centre whose isolates run one deployed version on one origin. */
const dataCentre = () =>
  openDataCentre({
    countAssets: true,
    deployment: 'version-1',
    // One origin for every isolate: a loopback SITE_URL would make each port its own site.
    vars: { SITE_URL: site },
  })

/** The answer to a reader's GET of `path` on `worker`, and the files it read through ASSETS. */
async function read(worker: TestWorker, path: string) {
  worker.takeAssetReads()
  const response = await worker.fetch(path)
  assert.equal(response.status, 200, path)
  const body = await response.text()
  return { body, etag: response.headers.get('etag'), reads: worker.takeAssetReads() }
}

// Whether rendering the path reads a file the route does not need otherwise: the
// feeds' entries with their bodies, the home page's cards. An article page's
// body is in the shard that finding the article reads anyway.
const readers = [
  { path: '/feed.xml', renderReads: true },
  { path: '/atom.xml', renderReads: true },
  { path: '/feed.json', renderReads: true },
  { path: '/', renderReads: true },
  { path: paths.article(slug), renderReads: false },
  { path: commentFeedPath, renderReads: false },
  { path: commentsPath, renderReads: false },
]

const bytesRead = (reads: readonly AssetRead[]) => reads.reduce((sum, one) => sum + one.bytes, 0)

it('answers a fresh isolate with what another isolate of its version and data centre rendered, reading less', async () => {
  const isolate = dataCentre()
  for (const { path, renderReads } of readers) {
    // Two fresh isolates for each path: an isolate keeps the files it read for its later requests.
    const rendered = await read(await isolate(), path)
    const shared = await read(await isolate(), path)
    assert.equal(shared.body, rendered.body, path)
    assert.equal(shared.etag, rendered.etag, path)
    // The render's own reads (an article's body, a feed's entries) are not made again.
    for (const file of shared.reads) {
      assert.ok(
        rendered.reads.some((one) => one.path === file.path),
        `${path}: read ${file.path}`,
      )
    }
    if (renderReads) {
      assert.ok(
        bytesRead(shared.reads) < bytesRead(rendered.reads),
        `${path}: ${bytesRead(shared.reads)} bytes read against ${bytesRead(rendered.reads)}`,
      )
    }
  }
})

it('answers a fresh isolate with the render its data centre keeps under the key, not one of its own', async () => {
  const isolate = dataCentre()
  const first = await isolate()
  for (const path of [paths.article(slug), commentFeedPath, commentsPath]) await read(first, path)
  const cache = await first.cache()
  /** Replaces the render kept as one of `keys` with `text`; the key it was kept as. */
  const replace = async (keys: readonly string[], text: string) => {
    for (const key of keys) {
      const address = sharedRenderAddress(site, 'version-1', key)
      if (!(await cache.match(address))) continue
      const stand = await renderedResponse(text, new Date(0), { 'content-type': 'text/plain' })
      const stored = storedRender(stand)
      // Miniflare's cache proxy takes its own Response class, not Node's.
      const copy = new MiniflareResponse(await stored.arrayBuffer(), {
        headers: {
          'cache-control': stored.headers.get('cache-control') ?? '',
          'x-rendered-headers': stored.headers.get('x-rendered-headers') ?? '',
        },
      })
      await cache.put(address, copy as unknown as Response)
      return key
    }
    assert.fail(`no render kept as ${keys[0]}`)
  }
  // An article without comments: no view version. The page also names how many
  // stories its section shows, which the test does not know: one of a few.
  const shown = Array.from({ length: 50 }, (_, n) => n)
  await replace(
    shown.map((n) => `article|${slug}|${site}|none|${n}`),
    'the page the data centre keeps',
  )
  await replace([`rss|${slug}|${site}|none`], 'the comment feed the data centre keeps')
  await replace([`json|${slug}|none`], 'the JSON the data centre keeps')
  const fresh = await isolate()
  assert.equal((await read(fresh, paths.article(slug))).body, 'the page the data centre keeps')
  assert.equal((await read(fresh, commentFeedPath)).body, 'the comment feed the data centre keeps')
  assert.equal((await read(fresh, commentsPath)).body, 'the JSON the data centre keeps')
})

it('renders again in an isolate of another deployed version', async () => {
  const isolate = dataCentre()
  const rendered = await read(await isolate(), '/feed.xml')
  const shared = await read(await isolate(), '/feed.xml')
  const again = await read(await isolate({ deployment: 'version-2' }), '/feed.xml')
  const paths = (reads: readonly AssetRead[]) => reads.map((one) => one.path)
  assert.ok(bytesRead(shared.reads) < bytesRead(rendered.reads), 'the same version shares it')
  assert.deepEqual(paths(again.reads), paths(rendered.reads), 'another version renders its own')
})

it('shows an approval to a fresh isolate of the data centre where the pages and feeds were rendered before it', async () => {
  const isolate = dataCentre()
  const moderator = await isolate()
  const before = {
    page: (await read(moderator, paths.article(slug))).body,
    feed: (await read(moderator, '/feed.json')).body,
    json: (await read(moderator, commentsPath)).body,
    commentFeed: (await read(moderator, commentFeedPath)).body,
  }
  const posted = await postJson(
    moderator,
    validComment({ content: 'साझा कैश के बाद भी दिखे' }),
    newClient(),
  )
  assert.equal(posted.status, 201)
  const { id } = (await posted.json()) as { id: string }
  assert.equal((await adminCall(moderator, 'POST', `/admin/comments/${id}/approve`)).status, 200)
  await untilReadersSee(moderator, commentsPath, [id])

  const fresh = await isolate()
  const page = (await read(fresh, paths.article(slug))).body
  assert.notEqual(page, before.page)
  assert.ok(page.includes('साझा कैश के बाद भी दिखे'), 'the approved comment is on the page')
  const feed = JSON.parse((await read(fresh, '/feed.json')).body) as {
    items: Array<{ url: string; _comments?: { count: number } }>
  }
  assert.notEqual(JSON.stringify(feed), before.feed)
  const item = feed.items.find((entry) => entry.url.endsWith(paths.article(slug)))
  assert.equal(item?._comments?.count, 1, 'the feed counts the approved comment')
  const json = (await read(fresh, commentsPath)).body
  assert.notEqual(json, before.json)
  assert.ok(json.includes(id), 'the comments JSON holds the approved comment')
  const commentFeed = (await read(fresh, commentFeedPath)).body
  assert.notEqual(commentFeed, before.commentFeed)
  assert.ok(commentFeed.includes('साझा कैश के बाद भी दिखे'), 'the comment feed holds it')
})
