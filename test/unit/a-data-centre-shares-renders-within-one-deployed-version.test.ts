import assert from 'node:assert/strict'
import { after, before, describe, it, mock } from 'node:test'
import type { CacheLike } from '../../src/http/data-centre'
import { type RenderedResponse, renderedResponse } from '../../src/http/rendered'
import {
  renderFromStore,
  SharedRenders,
  sharedRenderAddress,
  sharedRenderSeconds,
  storedRender,
} from '../../src/http/shared-renders'
import { reservedPageSlugs } from '../../src/paths'
import { FakeCache } from '../support/fake-cache'

const site = 'https://news.example'
const key = 'feed|tag:तकनीक|rss|https://news.example|2026-12-07T10:00:00.000Z|42'

const broken: CacheLike = {
  match: () => Promise.reject(new Error('cache down')),
  put: () => Promise.reject(new Error('cache down')),
  delete: () => Promise.reject(new Error('cache down')),
}

/** A render function that counts its calls. */
function renderer(text = '<rss>समाचार</rss>') {
  const calls = { count: 0 }
  const render = (): Promise<RenderedResponse> => {
    calls.count += 1
    return renderedResponse(text, new Date('2026-12-07T10:00:00Z'), {
      'content-type': 'application/rss+xml; charset=utf-8',
      'cache-control': 'public, max-age=300, stale-while-revalidate=60',
      link: '<https://hub.example/>; rel="hub"',
    })
  }
  return { calls, render }
}

const decoded = (rendered: RenderedResponse) => new TextDecoder().decode(rendered.body)

describe('renders shared by a data centre', () => {
  before(() => {
    mock.method(console, 'error', () => undefined)
  })
  after(() => mock.restoreAll())

  it('names each render by version and key under the site’s origin, where no route or page answers', () => {
    const address = sharedRenderAddress(site, 'v1', key)
    assert.ok(address.startsWith(`${site}/.renders/v1/`))
    assert.notEqual(sharedRenderAddress(site, 'v2', key), address)
    assert.notEqual(sharedRenderAddress(site, 'v1', `${key}3`), address)
    assert.notEqual(sharedRenderAddress(site, 'v1/x', 'y'), sharedRenderAddress(site, 'v1', 'x/y'))
    const first = new URL(address).pathname.split('/')[1] ?? ''
    assert.match(first, /\./)
    assert.ok(!reservedPageSlugs.includes(first))
  })

  it('keeps a render a day in the cache and gives back its bytes and every header', async () => {
    const made = await renderer().render()
    const stored = storedRender(made)
    assert.equal(stored.headers.get('cache-control'), `max-age=${sharedRenderSeconds}`)
    const back = await renderFromStore(stored)
    assert.ok(back)
    assert.deepEqual(back.headers, made.headers)
    assert.equal(back.etag, made.etag)
    assert.equal(back.lastModified, made.lastModified)
    assert.deepEqual(back.body, made.body)
  })

  it('takes nothing else kept at the address for a render', async () => {
    assert.equal(await renderFromStore(new Response('x')), undefined)
    const headers = (value: string) =>
      new Response('x', { headers: { 'x-rendered-headers': value } })
    assert.equal(await renderFromStore(headers('%E0%A4')), undefined, 'not UTF-8')
    assert.equal(await renderFromStore(headers('not json')), undefined)
    assert.equal(await renderFromStore(headers(encodeURIComponent('["a"]'))), undefined)
    assert.equal(
      await renderFromStore(headers(encodeURIComponent('{"etag":"\\"a\\""}'))),
      undefined,
      'no Last-Modified',
    )
    assert.equal(
      await renderFromStore(headers(encodeURIComponent('{"etag":1,"last-modified":"x"}'))),
      undefined,
    )
  })

  it('renders once for every isolate of the data centre running one version', async () => {
    const cache = new FakeCache()
    const { calls, render } = renderer()
    const first = await new SharedRenders(cache, site, 'v1').get(key, render)
    const second = await new SharedRenders(cache, site, 'v1').get(key, render)
    assert.equal(calls.count, 1)
    assert.equal(decoded(second), decoded(first))
    assert.deepEqual(second.headers, first.headers)
  })

  it('renders again for another version or another key', async () => {
    const cache = new FakeCache()
    const { calls, render } = renderer()
    await new SharedRenders(cache, site, 'v1').get(key, render)
    await new SharedRenders(cache, site, 'v2').get(key, render)
    await new SharedRenders(cache, site, 'v1').get(`${key}x`, render)
    assert.equal(calls.count, 3)
  })

  it('renders every time, keeping nothing, without a cache or a version to name', async () => {
    const { calls, render } = renderer()
    const cache = new FakeCache()
    await new SharedRenders(cache, site, undefined).get(key, render)
    await new SharedRenders(undefined, site, 'v1').get(key, render)
    assert.equal(calls.count, 2)
    assert.equal(cache.entries.size, 0)
  })

  it('answers with its own render when the cache fails', async () => {
    const { calls, render } = renderer('<rss>ठीक</rss>')
    const made = await new SharedRenders(broken, site, 'v1').get(key, render)
    assert.equal(decoded(made), '<rss>ठीक</rss>')
    assert.equal(calls.count, 1)
  })
})
