import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { feedFormatIds, feedFormats } from '../../src/feeds/formats'
import { paths } from '../../src/paths'
import { buildFixtureBundle, buildOutputOf } from '../harness/fixture-bundle'
import { startStubBehindAssets, workerRan } from '../harness/stub-worker'
import { startWorker, type TestWorker } from '../harness/worker'
import { contentFolder } from '../support/content-folder'

// Room for the build and the starts before the scheduled instant, on a shared machine
// (as scheduled-articles-appear-on-time); the test then waits for the instant itself.
// test-runner: long (waits for that instant on the real clock): started first, so the run does not end waiting for it.
const leadMs = 90_000
const releaseAt = Math.ceil((Date.now() + leadMs) / 1000) * 1000
const published = new Date(releaseAt).toISOString()

let bundle: string
let stub: TestWorker
let worker: TestWorker

before(async () => {
  const content = contentFolder(
    [
      { slug: 'old-one', published: '2025-01-01T06:00:00+05:30', tags: ['पुराना', 'स्थिर'] },
      { slug: 'old-two', published: '2025-02-01T06:00:00+05:30', tags: ['पुराना'] },
      { slug: 'scheduled', published, tags: ['पुराना', 'नया'] },
    ],
    { settings: { feeds: 'static' } },
  )
  bundle = buildFixtureBundle(content)
  stub = await startStubBehindAssets(bundle)
  worker = await startWorker({ scriptPath: bundle })
})
after(async () => {
  await stub?.stop()
  await worker?.stop()
})

/** Every format's feed of a folder. */
const feedsOf = (folder: string) => feedFormatIds.map((format) => folder + feedFormats[format].file)
// Every list the scheduled article is in: the site's, its tags', its author's.
const waiting = [
  paths.siteFeeds,
  paths.tagFeeds('पुराना'),
  paths.tagFeeds('नया'),
  paths.authorFeeds('लेखक'),
]

describe('feeds: static with an article scheduled after the build', () => {
  it('the build says the Worker serves those feeds and names the instant after which a deploy makes them static', () => {
    const output = buildOutputOf(bundle)
    assert.match(output, /Static feeds: 4 feed folder\(s\)/)
    assert.ok(output.includes(`deploy again after ${published}`), output)
  })

  it('writes no file for a feed of a list the article is in, and still writes the others', async () => {
    for (const path of waiting.flatMap(feedsOf)) {
      assert.equal(await (await stub.fetch(path)).text(), workerRan, path)
    }
    for (const path of feedsOf(paths.tagFeeds('स्थिर'))) {
      const response = await stub.fetch(path)
      assert.equal(response.status, 200, path)
      assert.notEqual(await response.text(), workerRan, path)
    }
  })

  it('the Worker serves those feeds live: the article is in none before its instant and in each from it on', async () => {
    const shows = async (path: string) => (await worker.fetch(path)).text()
    const named = (body: string) => body.includes(paths.article('scheduled'))
    assert.ok(Date.now() < releaseAt - 5_000, 'the build took too long to test the "before"')
    for (const path of [paths.siteFeeds, paths.tagFeeds('पुराना')].flatMap(feedsOf)) {
      assert.equal(named(await shows(path)), false, path)
    }
    assert.equal((await worker.fetch(`${paths.tagFeeds('नया')}feed.xml`)).status, 404)
    await sleep(Math.max(0, releaseAt - Date.now() + 200))
    for (const path of waiting.flatMap(feedsOf)) {
      assert.equal(named(await shows(path)), true, path)
    }
  })
})
