import assert from 'node:assert/strict'
import { after, before, describe, it, mock } from 'node:test'
import {
  DataCentreCache,
  dataCentreKey,
  remainingMs,
} from '../../src/comments/store/data-centre-cache'
import { keys } from '../../src/comments/store/keys'
import type { CacheLike } from '../../src/http/data-centre'
import { reservedPageSlugs } from '../../src/paths'
import { FakeCache } from '../support/fake-cache'

const broken: CacheLike = {
  match: () => Promise.reject(new Error('cache down')),
  put: () => Promise.reject(new Error('cache down')),
  delete: () => Promise.reject(new Error('cache down')),
}

const site = 'https://news.example/blog'
const windowMs = 30_000

/** A KV read that counts itself and answers `text`. */
function kvHolding(text: string | null) {
  const kv = {
    reads: 0,
    read: async () => {
      kv.reads++
      return text
    },
  }
  return kv
}

describe('the data centre cache', () => {
  before(() => {
    mock.method(console, 'error', () => undefined)
  })
  after(() => mock.restoreAll())

  it('names each KV key under the site’s own origin, where no route or page answers', () => {
    const view = dataCentreKey(site, keys.view('a-story'))
    assert.equal(view, 'https://news.example/.kv-reads/v1%3Aview%3Aa-story')
    assert.notEqual(dataCentreKey('https://other.example', keys.view('a-story')), view)
    assert.notEqual(dataCentreKey(site, keys.recent), dataCentreKey(site, keys.counts))
    const first = new URL(view).pathname.split('/')[1] ?? ''
    // A page's slug has no dot (paths.ts), and no route takes this segment.
    assert.match(first, /\./)
    assert.ok(!reservedPageSlugs.includes(first))
  })

  it('leaves a value the window minus its age since the KV read, never more', () => {
    assert.equal(remainingMs(1_000, windowMs, 1_000), 30_000)
    assert.equal(remainingMs(1_000, windowMs, 21_000), 10_000)
    assert.equal(remainingMs(1_000, windowMs, 31_000), 0)
    assert.ok(remainingMs(1_000, windowMs, 40_000) < 0)
    assert.equal(remainingMs(5_000, windowMs, 1_000), 30_000, 'a clock ahead adds nothing')
  })

  it('reads KV once for every isolate of the data centre within the window', async () => {
    const cache = new FakeCache()
    const kv = kvHolding('{"updated":null,"comments":[]}')
    const first = await new DataCentreCache(cache, site).read(keys.recent, windowMs, kv.read)
    const second = await new DataCentreCache(cache, site).read(keys.recent, windowMs, kv.read)
    assert.equal(kv.reads, 1)
    assert.deepEqual(second, first, 'the second isolate takes the first one’s read and its instant')
    const entry = cache.entries.get(dataCentreKey(site, keys.recent))
    assert.match(entry?.headers.get('cache-control') ?? '', /^max-age=(29|30)$/)
  })

  it('keeps an absent key as absent', async () => {
    const cache = new FakeCache()
    const kv = kvHolding(null)
    await new DataCentreCache(cache, site).read(keys.view('quiet'), windowMs, kv.read)
    const again = await new DataCentreCache(cache, site).read(keys.view('quiet'), windowMs, kv.read)
    assert.equal(kv.reads, 1)
    assert.equal(again.text, null)
  })

  it('reads KV again once the read it holds is a window old, or when it was forgotten', async () => {
    const cache = new FakeCache()
    const address = dataCentreKey(site, keys.counts)
    const stale = new Headers({ 'x-kv-read-at': String(Date.now() - windowMs) })
    cache.entries.set(address, { body: '{"old":true}', headers: stale })
    const kv = kvHolding('{"new":true}')
    const dataCentre = new DataCentreCache(cache, site)
    assert.equal((await dataCentre.read(keys.counts, windowMs, kv.read)).text, '{"new":true}')
    await dataCentre.forget([keys.counts])
    await dataCentre.read(keys.counts, windowMs, kv.read)
    assert.equal(kv.reads, 2)
  })

  it('ignores what it did not write itself under its address', async () => {
    const cache = new FakeCache()
    cache.entries.set(dataCentreKey(site, keys.recent), { body: '<html>', headers: new Headers() })
    const kv = kvHolding('{"comments":[]}')
    const read = await new DataCentreCache(cache, site).read(keys.recent, windowMs, kv.read)
    assert.equal(read.text, '{"comments":[]}')
  })

  it('reads KV when the cache fails or keeps nothing, and forgets without failing', async () => {
    for (const cache of [broken, undefined]) {
      const kv = kvHolding('{"comments":[]}')
      const dataCentre = new DataCentreCache(cache, site)
      assert.equal((await dataCentre.read(keys.recent, windowMs, kv.read)).text, '{"comments":[]}')
      await dataCentre.read(keys.recent, windowMs, kv.read)
      assert.equal(kv.reads, 2)
      await dataCentre.forget([keys.recent])
    }
  })
})
