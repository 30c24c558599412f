import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { getRoutes } from '../harness/routes'
import { startWorker, type TestWorker } from '../harness/worker'
import { seed } from '../support/seed'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

describe('feed aliases', () => {
  const expected: Record<string, string> = {
    '/feed': '/feed.xml',
    '/feed/': '/feed.xml',
    '/rss': '/feed.xml',
    '/rss.xml': '/feed.xml',
    '/index.xml': '/feed.xml',
    '/atom': '/atom.xml',
    '/feed/atom/': '/atom.xml',
  }
  for (const [alias, target] of Object.entries(expected)) {
    it(`${alias} answers 301 to ${target}`, async () => {
      const response = await worker.fetch(alias)
      assert.equal(response.status, 301)
      assert.equal(new URL(response.headers.get('location') ?? '', worker.origin).pathname, target)
    })
  }
})

describe('HEAD', () => {
  const routes = [...getRoutes, '/site.css', '/robots.txt', '/sitemap.xml']
  for (const path of routes) {
    it(`${path} answers HEAD with the GET headers and no body`, async () => {
      const get = await worker.fetch(path)
      const head = await worker.fetch(path, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(head.headers.get('content-type'), get.headers.get('content-type'))
      assert.equal(head.headers.get('etag'), get.headers.get('etag'))
      assert.equal((await head.arrayBuffer()).byteLength, 0)
    })
  }
})

describe('unknown paths', () => {
  it('get an HTML 404 page in the site language for browsers', async () => {
    const response = await worker.fetch('/no/such/page', { headers: { accept: 'text/html,*/*' } })
    assert.equal(response.status, 404)
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
    assert.match(await response.text(), /पृष्ठ नहीं मिला/)
  })

  it('get problem JSON for API clients', async () => {
    const response = await worker.fetch('/no/such/page', {
      headers: { accept: 'application/json' },
    })
    assert.equal(response.status, 404)
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    const body = await response.json()
    assert.equal(body.status, 404)
    assert.equal(body.title, 'Not Found')
  })

  it('include unknown article slugs and their comment feeds', async () => {
    for (const path of [
      '/articles/nope',
      '/articles/nope/comments',
      '/articles/nope/comments/feed.xml',
    ]) {
      assert.equal((await worker.fetch(path)).status, 404, path)
    }
  })
})

describe('wrong methods', () => {
  it('get 405 with Allow on feeds and pages', async () => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/', `/articles/${seed.slug}`]) {
      const response = await worker.fetch(path, { method: 'POST' })
      assert.equal(response.status, 405, path)
      assert.equal(response.headers.get('allow'), 'GET, HEAD', path)
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    }
  })

  it('list POST on the comments collection', async () => {
    const response = await worker.fetch(`/articles/${seed.slug}/comments`, { method: 'PUT' })
    assert.equal(response.status, 405)
    assert.equal(response.headers.get('allow'), 'GET, HEAD, POST')
  })
})
