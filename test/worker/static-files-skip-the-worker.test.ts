import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { dataFiles } from '../../src/content/data-files'
import { startStubBehindAssets, workerRan } from '../harness/stub-worker'
import { testSiteBundle } from '../harness/test-site'
import type { TestWorker } from '../harness/worker'

// The test site's assets, as its build wrote them, with the real wrangler.toml.
let worker: TestWorker

before(async () => {
  worker = await startStubBehindAssets(testSiteBundle())
})
after(() => worker.stop())

describe('static files', () => {
  for (const [path, type] of [
    ['/site.css', /^text\/css/],
    ['/favicon.svg', /^image\/svg\+xml/],
    ['/robots.txt', /^text\/plain/],
  ] as const) {
    it(`${path} is answered from the assets without running the Worker`, async () => {
      const response = await worker.fetch(path)
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', type)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
      assert.notEqual(await response.text(), workerRan)
    })
  }

  it('the Worker answers pages, the Worker-served feeds and the sitemap, which have no file', async () => {
    for (const path of ['/', '/feed.xml', '/sitemap.xml', '/articles/x']) {
      assert.equal(await (await worker.fetch(path)).text(), workerRan, path)
    }
  })

  it('the Worker runs first for its data files, so no URL reaches them', async () => {
    for (const path of [
      dataFiles.siteList(0),
      dataFiles.feedDigests,
      dataFiles.shard(0),
      dataFiles.sitemap,
    ]) {
      assert.equal(await (await worker.fetch(path)).text(), workerRan, path)
    }
  })
})
