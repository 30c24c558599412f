import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { getRoutes } from '../harness/routes'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { untilReadersSee } from '../support/comments'
import { seed } from '../support/seed'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

for (const path of getRoutes) {
  describe(`conditional GET of ${path}`, () => {
    it('sends a strong ETag, Last-Modified and Cache-Control', async () => {
      const response = await worker.fetch(path)
      assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/)
      assert.ok(!Number.isNaN(Date.parse(response.headers.get('last-modified') ?? '')))
      assert.match(response.headers.get('cache-control') ?? '', /max-age=\d+/)
    })

    it('answers 304 with no body to a matching If-None-Match, in a list or as *', async () => {
      const etag = (await worker.fetch(path)).headers.get('etag') as string
      for (const header of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
        const response = await worker.fetch(path, { headers: { 'if-none-match': header } })
        assert.equal(response.status, 304, header)
        assert.equal(response.headers.get('etag'), etag)
        assert.equal((await response.arrayBuffer()).byteLength, 0)
      }
    })

    it('answers 200 to a stale If-None-Match even with a fresh If-Modified-Since', async () => {
      const response = await worker.fetch(path, {
        headers: { 'if-none-match': '"stale"', 'if-modified-since': new Date().toUTCString() },
      })
      assert.equal(response.status, 200)
    })

    it('answers 304 to If-Modified-Since at Last-Modified, 200 before it', async () => {
      const lastModified = (await worker.fetch(path)).headers.get('last-modified') as string
      const same = await worker.fetch(path, { headers: { 'if-modified-since': lastModified } })
      assert.equal(same.status, 304)
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString()
      assert.equal(
        (await worker.fetch(path, { headers: { 'if-modified-since': earlier } })).status,
        200,
      )
    })
  })
}

describe('conditional GET after moderation', () => {
  it('changes the ETag and Last-Modified of the feeds when a comment is approved', async () => {
    const before = await worker.fetch('/feed.xml')
    const etag = before.headers.get('etag') as string
    const lastModified = before.headers.get('last-modified') as string
    const posted = await worker.fetch(`/articles/${seed.slug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
      body: JSON.stringify({ author: 'पाठक', email: 'reader@example.org', content: 'अच्छा लेख' }),
    })
    const { id } = await posted.json()
    const approve = await worker.fetch(`/admin/comments/${id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    })
    assert.equal(approve.status, 200)
    // The view updater, a queue consumer, rewrites the counts within about a second.
    await untilReadersSee(worker, `/articles/${seed.slug}/comments`, [id])
    const revalidated = await worker.fetch('/feed.xml', {
      headers: { 'if-none-match': etag, 'if-modified-since': lastModified },
    })
    assert.equal(revalidated.status, 200)
    assert.notEqual(revalidated.headers.get('etag'), etag)
    assert.match(await revalidated.text(), /<slash:comments>1<\/slash:comments>/)
    const byDate = await worker.fetch('/feed.xml', {
      headers: { 'if-modified-since': lastModified },
    })
    assert.equal(byDate.status, 200, 'Last-Modified must move forward with moderation')
  })
})
