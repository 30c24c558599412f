import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { getWithHost } from '../support/http'

describe('on a deployed site', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ vars: { SITE_URL: 'https://news.example.org' } })
  })
  after(() => worker.stop())

  it('links every feed and page to SITE_URL, whatever Host the request names', async () => {
    for (const host of ['evil.example', new URL(worker.origin).host]) {
      const feed = JSON.parse((await getWithHost(worker.origin, '/feed.json', host)).body)
      assert.equal(feed.feed_url, 'https://news.example.org/feed.json', host)
      assert.equal(feed.home_page_url, 'https://news.example.org/', host)
      const rss = (await getWithHost(worker.origin, '/feed.xml', host)).body
      assert.doesNotMatch(rss, /evil\.example|127\.0\.0\.1/, host)
    }
  })
})

describe('in local development (SITE_URL on localhost)', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker()
  })
  after(() => worker.stop())

  it('links to the loopback address the page was served from, so links work on any port', async () => {
    const feed = (await (await worker.fetch('/feed.json')).json()) as { feed_url: string }
    assert.equal(feed.feed_url, `${worker.origin}/feed.json`)
  })

  it('never follows a Host header naming another machine', async () => {
    const feed = JSON.parse((await getWithHost(worker.origin, '/feed.json', 'evil.example')).body)
    assert.equal(feed.feed_url, 'http://localhost:8787/feed.json')
  })
})
