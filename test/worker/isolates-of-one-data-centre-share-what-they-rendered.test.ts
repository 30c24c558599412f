import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, it } from 'node:test'
import { paths } from '../../src/paths'
import type { AssetRead } from '../harness/asset-reads'
import { type StartOptions, startWorker, type TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postJson,
  slug,
  untilReadersSee,
  validComment,
} from '../support/comments'

const folders: string[] = []
const workers: TestWorker[] = []
after(async () => {
  await Promise.all(workers.map((worker) => worker.stop()))
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

/** A data centre: one KV namespace and one cache, for the isolates `isolate` starts in it. */
function dataCentre() {
  const folder = mkdtempSync(join(tmpdir(), 'data-centre-renders-'))
  folders.push(folder)
  // One after another: two workerd starting at once on one folder find its SQLite busy.
  return async (options: StartOptions = {}): Promise<TestWorker> => {
    const worker = await startWorker({
      countAssets: true,
      kvPersist: join(folder, 'kv'),
      cachePersist: join(folder, 'cache'),
      deployment: 'version-1',
      // One origin for every isolate: a loopback SITE_URL would make each port its own site.
      vars: { SITE_URL: 'https://news.example' },
      ...options,
    })
    workers.push(worker)
    return worker
  }
}

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
  { path: `${paths.article(slug)}/comments/feed.xml`, renderReads: false },
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
})
