import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { contentFolder } from '../support/content-folder'
import { type ModeratorClient, signIn } from '../support/moderation-page'

// test-runner: long (waits for a scheduled instant on the real clock): started first, so the run does not end waiting for it.

// The scheduled article comes out this long after the fixture is written: room for the
// build and the start, then the test waits for the instant itself. The build shares
// the machine with the other test files running beside this one, so the room is wide;
// the wait costs the run nothing while they go on.
const leadMs = 90_000
let releaseAt: number
let worker: TestWorker
let moderator: ModeratorClient

function scheduledSite(): string {
  releaseAt = Math.ceil((Date.now() + leadMs) / 1000) * 1000
  return contentFolder([
    { slug: 'old-one', published: '2025-01-01T06:00:00+05:30', tags: ['पुराना'] },
    { slug: 'old-two', published: '2025-02-01T06:00:00+05:30', tags: ['पुराना'] },
    { slug: 'scheduled', published: new Date(releaseAt).toISOString(), tags: ['पुराना', 'नया'] },
    {
      slug: 'unfinished',
      published: '2025-03-01T06:00:00+05:30',
      tags: ['मसौदा'],
      extra: 'draft: true\n',
    },
  ])
}

before(async () => {
  worker = await startWorker({ scriptPath: buildFixtureBundle(scheduledSite()) })
  moderator = await signIn(worker)
})
after(() => worker.stop())

const text = async (path: string) => (await worker.fetch(path)).text()
const tagPath = (tag: string) => `/tags/${encodeURIComponent(tag)}`

/** Every output a listed article shows up in, with whether it names `slug`. */
async function appearances(slug: string): Promise<Record<string, boolean>> {
  const named = (body: string) => body.includes(`/articles/${slug}`)
  const filter = await (await moderator.get('/admin')).text()
  return {
    moderationFilter: filter.includes(`<option value="${slug}"`),
    home: named(await text('/')),
    rss: named(await text('/feed.xml')),
    atom: named(await text('/atom.xml')),
    json: named(await text('/feed.json')),
    sitemap: named(await text('/sitemap.xml')),
    tagPage: named(await text(tagPath('पुराना'))),
    tagFeed: named(await text(`${tagPath('पुराना')}/feed.json`)),
  }
}

const nowhere = {
  moderationFilter: false,
  home: false,
  rss: false,
  atom: false,
  json: false,
  sitemap: false,
  tagPage: false,
  tagFeed: false,
}
const everywhere = Object.fromEntries(Object.keys(nowhere).map((k) => [k, true]))

describe('drafts and scheduled articles', () => {
  let etagBefore: string | null
  let modifiedBefore: string | null

  it('keeps a scheduled article out of every page, feed, sitemap and tag before its time', async () => {
    assert.ok(Date.now() < releaseAt - 5_000, 'the build took too long to test the "before"')
    assert.deepEqual(await appearances('scheduled'), nowhere)
    assert.equal((await worker.fetch('/articles/scheduled')).status, 404)
    assert.equal((await worker.fetch('/articles/scheduled/comments')).status, 404)
    assert.equal((await worker.fetch('/articles/scheduled/comments/feed.xml')).status, 404)
    assert.equal((await worker.fetch(tagPath('नया'))).status, 404)
    assert.doesNotMatch(await text('/sitemap.xml'), new RegExp(tagPath('नया')))
    assert.equal((await worker.fetch(`${tagPath('नया')}/atom.xml`)).status, 404)
    // Asked twice, so the second answer comes from the hot cache the Worker keeps.
    await worker.fetch('/feed.xml')
    const feed = await worker.fetch('/feed.xml')
    etagBefore = feed.headers.get('etag')
    modifiedBefore = feed.headers.get('last-modified')
    assert.equal(modifiedBefore, new Date('2025-02-01T00:30:00Z').toUTCString())
  })

  it('shows it everywhere from its published instant on, with new validators, without a deploy', async () => {
    // Moments before: the answer goes into the hot cache (10 s), which must not outlive them.
    await sleep(Math.max(0, releaseAt - Date.now() - 3_000))
    assert.equal((await worker.fetch('/feed.xml')).headers.get('etag'), etagBefore)
    await sleep(Math.max(0, releaseAt - Date.now() + 200))
    const conditional = await worker.fetch('/feed.xml', {
      headers: { 'if-none-match': etagBefore ?? '', 'if-modified-since': modifiedBefore ?? '' },
    })
    assert.equal(conditional.status, 200, 'a polling reader gets the new version')
    assert.notEqual(conditional.headers.get('etag'), etagBefore)
    assert.equal(conditional.headers.get('last-modified'), new Date(releaseAt).toUTCString())
    assert.deepEqual(await appearances('scheduled'), everywhere)
    assert.equal((await worker.fetch('/articles/scheduled')).status, 200)
    assert.equal((await worker.fetch(tagPath('नया'))).status, 200)
    assert.match(await text('/sitemap.xml'), new RegExp(`<loc>[^<]+${tagPath('नया')}</loc>`))
    assert.equal((await worker.fetch('/articles/scheduled/comments/feed.json')).status, 200)
  })

  it('never publishes a draft', async () => {
    assert.deepEqual(await appearances('unfinished'), nowhere)
    assert.equal((await worker.fetch('/articles/unfinished')).status, 404)
    assert.equal((await worker.fetch(tagPath('मसौदा'))).status, 404)
  })
})

describe('a site whose every article is still scheduled', () => {
  let launch: TestWorker
  before(async () => {
    const content = contentFolder([
      { slug: 'launch', published: '2099-01-01T06:00:00+05:30', tags: ['पहला'] },
    ])
    launch = await startWorker({ scriptPath: buildFixtureBundle(content) })
  })
  after(() => launch.stop())

  it('serves empty site feeds and an empty home page, and no tag yet', async () => {
    const json = await launch.fetch('/feed.json')
    assert.equal(json.status, 200)
    assert.deepEqual((await json.json()).items, [])
    assert.equal((await launch.fetch('/feed.xml')).status, 200)
    assert.equal((await launch.fetch('/atom.xml')).status, 200)
    const home = await launch.fetch('/')
    assert.equal(home.status, 200)
    assert.doesNotMatch(await home.text(), /\/articles\/launch/)
    assert.equal((await launch.fetch(`/tags/${encodeURIComponent('पहला')}`)).status, 404)
    assert.equal((await launch.fetch('/articles/launch')).status, 404)
  })
})
