import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { announceChanges, pingsPerRun, runBudgetMs } from '../../src/websub/announce'
import type { HubFetch } from '../../src/websub/hub'
import { type StateKv, WebSubStore, websubStateKey } from '../../src/websub/store'

const hubUrl = 'https://hub.example/'
const siteUrl = 'https://news.example.org'
const tag = '/tags/%E0%A4%8F%E0%A4%86%E0%A4%88/'
const feedsOf = (folder: string) =>
  ['feed.xml', 'atom.xml', 'feed.json'].map((file) => `${siteUrl}${folder}${file}`)

/** A KV namespace in memory with the two calls the store makes, counting writes. */
function memoryKv() {
  const data = new Map<string, string>()
  let writes = 0
  const kv: StateKv = {
    async get(key) {
      const value = data.get(key)
      return value === undefined ? null : JSON.parse(value)
    },
    async put(key, value) {
      writes += 1
      data.set(key, value)
    },
  }
  return {
    store: new WebSubStore(kv),
    data,
    writes: () => writes,
    state: () => JSON.parse(data.get(websubStateKey) ?? 'null'),
  }
}

/** A hub that records each ping and answers what `status` says (a thrown error: unreachable). */
function fakeHub(status: () => number | Error = () => 204) {
  const pings: Array<{ url: string; init: RequestInit }> = []
  const fetch: HubFetch = async (url, init) => {
    pings.push({ url, init })
    const answer = status()
    if (answer instanceof Error) throw answer
    return new Response(null, { status: answer })
  }
  return {
    fetch,
    pings,
    /** The topics pinged since the last call. */
    topics: () =>
      pings.splice(0).map((p) => new URLSearchParams(String(p.init.body)).get('hub.url')),
  }
}

const sorted = (list: Array<string | null>) => [...list].sort()

let errors: ReturnType<typeof mock.method>
let infos: ReturnType<typeof mock.method>

const loggedEvents = (spy: ReturnType<typeof mock.method>) =>
  spy.mock.calls.map((call) => JSON.parse(String(call.arguments[0])))

describe('the WebSub announcer', () => {
  // Inside the describe: the unit tests share one process, and a hook at the top
  // level would silence the console of every other file's tests too.
  beforeEach(() => {
    errors = mock.method(console, 'error', () => {})
    infos = mock.method(console, 'log', () => {})
  })
  afterEach(() => mock.restoreAll())

  it('records every feed on its first run and pings nothing', async () => {
    const kv = memoryKv()
    const hub = fakeHub()
    const digests = { '/': 'a:0', [tag]: 'b:0' }
    const run = await announceChanges({ hub: hubUrl, siteUrl, digests, ...kv, ...hub })
    assert.deepEqual(run, { pinged: [], failed: [], deferred: [], firstRun: true })
    assert.equal(hub.pings.length, 0)
    assert.deepEqual(kv.state(), { digests, pending: [] })
  })

  it('pings every format of exactly the feeds that changed, as a publish form, and nothing when none did', async () => {
    const kv = memoryKv()
    const hub = fakeHub()
    const input = { hub: hubUrl, siteUrl, ...kv, ...hub }
    const quiet = { '/': 'a:0', [tag]: 'b:0', '/tags/x/': 'c:0' }
    await announceChanges({ ...input, digests: quiet })
    const run = await announceChanges({ ...input, digests: { ...quiet, '/': 'a:1', [tag]: 'b:1' } })
    const expected = [...feedsOf('/'), ...feedsOf(tag)]
    assert.deepEqual(sorted(run.pinged), sorted(expected))
    const ping = hub.pings[0]
    assert.equal(ping?.url, hubUrl)
    assert.equal(ping?.init.method, 'POST')
    assert.deepEqual(ping?.init.headers, { 'content-type': 'application/x-www-form-urlencoded' })
    // Hubs read one name or the other (hub.url: PubSubHubbub 0.4; hub.topic: websub.rocks).
    const bodies = hub.pings.map((p) => String(p.init.body))
    assert.ok(
      bodies.includes(
        'hub.mode=publish&hub.topic=https%3A%2F%2Fnews.example.org%2Ffeed.xml&hub.url=https%3A%2F%2Fnews.example.org%2Ffeed.xml',
      ),
      bodies.join('\n'),
    )
    assert.deepEqual(sorted(hub.topics()), sorted(expected))
    const events = loggedEvents(infos).filter((e) => e.event === 'websub_ping')
    assert.deepEqual(sorted(events.map((e) => e.topic)), sorted(expected))

    const writes = kv.writes()
    const again = await announceChanges({
      ...input,
      digests: { ...quiet, '/': 'a:1', [tag]: 'b:1' },
    })
    assert.deepEqual(again, { pinged: [], failed: [], deferred: [], firstRun: false })
    assert.deepEqual(hub.topics(), [])
    assert.equal(kv.writes(), writes, 'a run that learnt nothing writes nothing')
  })

  it('keeps failed pings, logs each, and retries them on the next run until the hub takes them', async () => {
    const kv = memoryKv()
    let answer: number | Error = 204
    const hub = fakeHub(() => answer)
    const input = { hub: hubUrl, siteUrl, ...kv, ...hub }
    await announceChanges({ ...input, digests: { '/': 'a:0' } })

    answer = 503
    const failed = await announceChanges({ ...input, digests: { '/': 'a:1' } })
    assert.deepEqual(failed.pinged, [])
    assert.deepEqual(sorted(failed.failed), sorted(feedsOf('/')))
    assert.deepEqual(sorted(kv.state().pending), sorted(feedsOf('/')))
    const logged = loggedEvents(errors).filter((e) => e.event === 'websub_ping_failed')
    assert.deepEqual(sorted(logged.map((e) => e.topic)), sorted(feedsOf('/')))
    assert.ok(logged.every((e) => e.hub === hubUrl && e.reason === 'hub answered 503'))

    answer = new TypeError('connection refused')
    const unreachable = await announceChanges({ ...input, digests: { '/': 'a:1' } })
    assert.deepEqual(sorted(hub.topics()), sorted([...feedsOf('/'), ...feedsOf('/')]))
    assert.deepEqual(sorted(unreachable.failed), sorted(feedsOf('/')))
    assert.match(
      loggedEvents(errors).at(-1)?.reason,
      /^hub unreachable: TypeError: connection refused/,
    )

    answer = 202
    const retried = await announceChanges({ ...input, digests: { '/': 'a:1' } })
    assert.deepEqual(sorted(retried.pinged), sorted(feedsOf('/')))
    assert.deepEqual(sorted(hub.topics()), sorted(feedsOf('/')))
    assert.deepEqual(kv.state().pending, [])

    await announceChanges({ ...input, digests: { '/': 'a:1' } })
    assert.deepEqual(hub.topics(), [], 'taken once, never again')
  })

  it('announces a feed that changed again while its ping waited only once', async () => {
    const kv = memoryKv()
    let answer = 500
    const hub = fakeHub(() => answer)
    const input = { hub: hubUrl, siteUrl, ...kv, ...hub }
    await announceChanges({ ...input, digests: { '/': 'a:0' } })
    await announceChanges({ ...input, digests: { '/': 'a:1' } })
    hub.topics()
    answer = 204
    const run = await announceChanges({ ...input, digests: { '/': 'a:2' } })
    assert.deepEqual(sorted(run.pinged), sorted(feedsOf('/')))
    assert.deepEqual(sorted(hub.topics()), sorted(feedsOf('/')))
  })

  it(`sends at most ${pingsPerRun} pings a run and leaves the rest for the next run`, async () => {
    const kv = memoryKv()
    const hub = fakeHub()
    const input = { hub: hubUrl, siteUrl, ...kv, ...hub }
    const folders = ['/', ...Array.from({ length: 20 }, (_, i) => `/tags/t${i}/`)]
    const at = (digest: string) => Object.fromEntries(folders.map((folder) => [folder, digest]))
    await announceChanges({ ...input, digests: at('x:0') })
    const first = await announceChanges({ ...input, digests: at('x:1') })
    assert.equal(first.pinged.length, pingsPerRun)
    assert.equal(first.deferred.length, 63 - pingsPerRun)
    assert.deepEqual(kv.state().pending, first.deferred)
    const deferredLog = loggedEvents(infos).find((e) => e.event === 'websub_pings_deferred')
    assert.equal(deferredLog?.count, 63 - pingsPerRun)
    const second = await announceChanges({ ...input, digests: at('x:1') })
    assert.deepEqual(second.pinged, first.deferred)
    const all = hub.topics()
    assert.equal(all.length, 63)
    assert.equal(new Set(all).size, 63, 'every feed once')
  })

  it('starts no ping once the run has taken its time budget, and keeps the rest', async () => {
    const kv = memoryKv()
    let now = 0
    const hub = fakeHub(() => {
      now += runBudgetMs / 2 // a hub that takes half the budget per ping
      return 204
    })
    const input = { hub: hubUrl, siteUrl, ...kv, ...hub, clock: () => now }
    await announceChanges({ ...input, digests: { '/': 'a:0' } })
    const run = await announceChanges({ ...input, digests: { '/': 'a:1' } })
    assert.equal(run.pinged.length, 2)
    assert.equal(run.deferred.length, 1)
    assert.deepEqual(kv.state().pending, run.deferred)
  })

  it('takes a state it cannot read for no state: it records anew instead of failing every run', async () => {
    const kv = memoryKv()
    kv.data.set(websubStateKey, JSON.stringify({ fingerprints: {} }))
    const hub = fakeHub()
    const run = await announceChanges({
      hub: hubUrl,
      siteUrl,
      digests: { '/': 'a:0' },
      ...kv,
      ...hub,
    })
    assert.equal(run.firstRun, true)
    assert.deepEqual(kv.state(), { digests: { '/': 'a:0' }, pending: [] })
    assert.equal(loggedEvents(errors).at(-1)?.event, 'websub_state_unreadable')
  })
})
