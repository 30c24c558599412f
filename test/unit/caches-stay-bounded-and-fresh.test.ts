import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Memo } from '../../src/comments/store/memo'
import { HotResponses } from '../../src/http/hot-responses'
import { RenderCache } from '../../src/http/render-cache'
import { renderedResponse } from '../../src/http/rendered'
import { BoundedMap } from '../../src/lib/bounded-map'

describe('BoundedMap', () => {
  it('drops the entry set longest ago once over capacity', () => {
    const map = new BoundedMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    map.set('c', 3)
    assert.equal(map.size, 2)
    assert.equal(map.get('a'), undefined)
    assert.equal(map.get('c'), 3)
  })

  it('counts a value set again as the newest', () => {
    const map = new BoundedMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    map.set('a', 10)
    map.set('c', 3)
    assert.equal(map.get('b'), undefined)
    assert.equal(map.get('a'), 10)
  })
})

describe('RenderCache', () => {
  it('renders a key once and keeps at most its capacity', async () => {
    const cache = new RenderCache<string>(1)
    let renders = 0
    const render = async () => `v${++renders}`
    assert.equal(await cache.get('k', render), 'v1')
    assert.equal(await cache.get('k', render), 'v1')
    await cache.get('other', render)
    assert.equal(await cache.get('k', render), 'v3', 'k was dropped for other')
  })
})

describe('HotResponses', () => {
  const url = 'https://example.org/feed.xml'
  const request = (headers: Record<string, string> = {}) => new Request(url, { headers })

  it('answers a remembered GET until the time to live runs out', async () => {
    const hot = new HotResponses(1_000, 8, 2)
    const rendered = await renderedResponse('body', new Date(0), { 'content-type': 'text/plain' })
    hot.remember(url, rendered, new Headers({ 'x-final': 'yes', 'content-length': '4' }), 0)
    const hit = hot.serve(request(), 999)
    assert.equal(hit?.status, 200)
    assert.equal(hit?.headers.get('x-final'), 'yes', 'the final headers are kept')
    assert.equal(await hit?.text(), 'body')
    assert.equal(hot.serve(request(), 1_000), undefined, 'expired')
  })

  it('answers 304 to a client holding the ETag', async () => {
    const hot = new HotResponses(1_000, 8, 2)
    const rendered = await renderedResponse('body', new Date(0), {})
    hot.remember(url, rendered, new Headers(rendered.headers), 0)
    assert.equal(hot.serve(request({ 'if-none-match': rendered.etag }), 1)?.status, 304)
  })

  it('keeps answers to queries apart, so a flood of queries never pushes out a plain page', async () => {
    const hot = new HotResponses(1_000, 8, 2)
    const rendered = await renderedResponse('body', new Date(0), {})
    hot.remember(url, rendered, new Headers(), 0)
    const search = 'https://example.org/search?q=%E0%A4%B8%E0%A5%8B%E0%A4%B0%E0%A4%BE'
    hot.remember(search, rendered, new Headers(), 0)
    assert.equal(hot.serve(new Request(search), 1)?.status, 200, 'a query is answered hot')
    for (let i = 0; i < 100; i++) hot.remember(`${url}?junk=${i}`, rendered, new Headers(), 0)
    assert.equal(hot.serve(request(), 1)?.status, 200, 'the plain page is still hot')
    assert.equal(hot.serve(new Request(search), 1), undefined, 'older queries made room')
  })

  it('never answers a page hot to a reader with an edit cookie, a feed or JSON always', async () => {
    const hot = new HotResponses(1_000, 8, 2)
    const pageUrl = 'https://example.org/articles/a-story'
    hot.remember(
      pageUrl,
      await renderedResponse('<p>', new Date(0), {}),
      new Headers({ 'content-type': 'text/html; charset=utf-8' }),
      0,
    )
    hot.remember(
      url,
      await renderedResponse('<rss>', new Date(0), {}),
      new Headers({ 'content-type': 'application/rss+xml' }),
      0,
    )
    const cookie = { cookie: 'theme=dark; comment_edit_0abc=proof' }
    const page = (headers: Record<string, string> = {}) => new Request(pageUrl, { headers })
    assert.equal(hot.serve(page(cookie), 1), undefined, 'their own comments show on the page')
    assert.equal(hot.serve(page(), 1)?.status, 200)
    assert.equal(hot.serve(request(cookie), 1)?.status, 200, 'a feed is the same for everyone')
  })

  it('forgets everything when cleared', async () => {
    const hot = new HotResponses(1_000, 8, 2)
    hot.remember(url, await renderedResponse('b', new Date(0), {}), new Headers(), 0)
    hot.clear()
    assert.equal(hot.serve(request(), 1), undefined)
  })
})

describe('Memo', () => {
  it('reads the store again only after the time to live', async () => {
    const memo = new Memo<string[]>(1_000, 4)
    let loads = 0
    const load = async () => {
      loads++
      return { value: ['same'], readAt: Date.now() }
    }
    assert.deepEqual(await memo.get('article', load, 0), ['same'])
    await memo.get('article', load, 500)
    assert.equal(loads, 1)
    await memo.get('article', load, Date.now() + 10_000)
    assert.equal(loads, 2)
  })

  it('keeps a value read from KV earlier only for what is left of the time to live', async () => {
    const memo = new Memo<string>(30_000, 4)
    let loads = 0
    // Read from KV 20 s before this isolate took it (the data centre's cache).
    const load = async () => {
      loads++
      return { value: 'view', readAt: 1_000_000 - 20_000 }
    }
    await memo.get('article', load, 1_000_000)
    await memo.get('article', load, 1_000_000 + 9_000)
    assert.equal(loads, 1)
    await memo.get('article', load, 1_000_000 + 10_000)
    assert.equal(loads, 2, 'kept 10 s, not another 30')
  })
})
