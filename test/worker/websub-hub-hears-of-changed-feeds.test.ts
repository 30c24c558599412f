import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { cronTriggers } from '../../src/app/cron-triggers'
import { feedUrls } from '../../src/feeds/formats'
import { paths } from '../../src/paths'
import { websubStateKey } from '../../src/websub/store'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { contentFolder, type FixtureArticle } from '../support/content-folder'
import { runScript } from '../support/run-script'
import { type RecordingHub, startRecordingHub } from '../support/websub-hub'

// test-runner: long (two builds and scheduled instants on the real clock): started first, so the run does not end waiting for it.

// Two deploys of one site with a hub, sharing one KV namespace (a folder), and
// the real Cron Trigger handler run through Miniflare in between. The second
// deploy changes one article and schedules two more, which come out a little
// after it is built: the test waits for them on the real clock.

const siteUrl = 'https://news.example.org'
const every = cronTriggers.websubAnnouncer

/** A content folder: the seed's site.yaml naming `hubUrl`, and these articles. */
const contentWith = (hubUrl: string, articles: FixtureArticle[]) =>
  contentFolder(articles, { settings: { websub_hub: hubUrl } })

/** Every format's feed of a folder, at the canonical origin: what the hub must hear of. */
const feedsOf = (...folders: string[]) =>
  folders.flatMap((folder) => Object.values(feedUrls(siteUrl + folder))).sort()
const site = paths.siteFeeds
const oldTag = paths.tagFeeds('पुराना')
const otherTag = paths.tagFeeds('अन्य')
const fresh = paths.tagFeeds('नया')
const lateTag = paths.tagFeeds('बाद')
// Every fixture article is by one author, whose feed changes with any of them.
const author = paths.authorFeeds('लेखक')

const old: FixtureArticle = {
  slug: 'old',
  title: 'पुराना लेख',
  published: '2025-01-01T06:00:00+05:30',
  tags: ['पुराना'],
}
const other: FixtureArticle = {
  slug: 'other',
  title: 'दूसरा लेख',
  published: '2025-01-02T06:00:00+05:30',
  tags: ['अन्य'],
}

let hub: RecordingHub
let kvFolder: string
let worker: TestWorker
let firstBuildMs: number
let secondBundle = ''
let soonAt = 0
let laterAt = 0

const startDeploy = (scriptPath: string) =>
  startWorker({ scriptPath, kvPersist: kvFolder, vars: { SITE_URL: siteUrl }, quiet: true })

/** Runs the every-minute Cron Trigger now and returns the URLs the hub was pinged for. */
async function cronRun(cron: string = every): Promise<string[]> {
  assert.equal(await worker.scheduled(new Date(), cron), 'ok')
  const pings = hub.take()
  for (const ping of pings) {
    assert.equal(ping.method, 'POST')
    assert.equal(ping.contentType, 'application/x-www-form-urlencoded')
    assert.equal(ping.mode, 'publish')
    // Hubs read hub.topic or hub.url: the feed is named as both, in this order.
    const feed = encodeURIComponent(ping.url ?? '')
    assert.equal(ping.body, `hub.mode=publish&hub.topic=${feed}&hub.url=${feed}`)
  }
  return pings.map((ping) => ping.url ?? '').sort()
}

async function state(): Promise<{ digests: Record<string, string>; pending: string[] }> {
  return JSON.parse((await (await worker.kv()).get(websubStateKey)) ?? 'null')
}

const waitFor = (instant: number) => sleep(Math.max(0, instant - Date.now() + 500))

before(async () => {
  hub = await startRecordingHub()
  kvFolder = mkdtempSync(join(tmpdir(), 'websub-kv-'))
  const started = Date.now()
  const first = buildFixtureBundle(contentWith(hub.url, [old, other]))
  firstBuildMs = Date.now() - started
  worker = await startDeploy(first)
})
after(async () => {
  await worker?.stop()
  await hub?.close()
  rmSync(kvFolder, { recursive: true, force: true })
})

describe('WebSub: the hub hears of exactly the feeds that changed', () => {
  it('records every feed on the first run and pings nothing', async () => {
    assert.deepEqual(await cronRun(), [])
    const first = await state()
    assert.deepEqual(Object.keys(first.digests).sort(), [site, otherTag, oldTag, author].sort())
    assert.deepEqual(first.pending, [])
    assert.deepEqual(await cronRun(), [], 'nothing changed, nothing announced')
  })

  it('after a deploy that changed an article, pings the site’s, that article’s tags’ and its author’s feeds in every format', async () => {
    // The scheduled articles must still be ahead when this deploy's first run ends:
    // another build as long as the first, starting the Worker and two runs.
    soonAt = Math.ceil((Date.now() + firstBuildMs * 1.5 + 30_000) / 1000) * 1000
    laterAt = soonAt + 5_000
    secondBundle = buildFixtureBundle(
      contentWith(hub.url, [
        old,
        { ...other, title: 'दूसरा लेख, सुधरा हुआ' },
        { slug: 'soon', published: new Date(soonAt).toISOString(), tags: ['पुराना', 'नया'] },
        { slug: 'later', published: new Date(laterAt).toISOString(), tags: ['बाद'] },
      ]),
    )
    await worker.stop()
    worker = await startDeploy(secondBundle)
    assert.deepEqual(
      await cronRun(cronTriggers.nightlyBackup),
      [],
      'the backup’s cron pings nothing',
    )
    assert.deepEqual(await cronRun(), feedsOf(site, otherTag, author))
    assert.deepEqual(await cronRun(), [], 'announced once')
    assert.ok(Date.now() < soonAt, 'the scheduled article came out before the test looked')
  })

  it('when a scheduled article comes out, pings the site’s feeds and its tags’ and author’s feeds', async () => {
    await waitFor(soonAt)
    assert.deepEqual(await cronRun(), feedsOf(site, oldTag, fresh, author))
    assert.deepEqual(await cronRun(), [], 'announced once')
  })

  it('keeps the pings a failing hub refused and sends them again on the next runs until it takes them', async () => {
    hub.answer(500)
    await waitFor(laterAt)
    assert.deepEqual(await cronRun(), feedsOf(site, lateTag, author))
    assert.deepEqual((await state()).pending.sort(), feedsOf(site, lateTag, author))
    assert.deepEqual(await cronRun(), feedsOf(site, lateTag, author), 'tried again')
    hub.answer(204)
    assert.deepEqual(await cronRun(), feedsOf(site, lateTag, author))
    assert.deepEqual((await state()).pending, [])
    assert.deepEqual(await cronRun(), [], 'taken once, never sent again')
  })

  it('runs at once on the deploy script’s call, which never fails the deploy', async () => {
    const env = { ...process.env, ADMIN_TOKEN: adminToken }
    const run = await runScript('websub-announce.ts', ['--url', worker.origin], { env })
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /no feed changed/)

    const refused = await runScript('websub-announce.ts', ['--url', worker.origin], {
      env: { ...env, ADMIN_TOKEN: 'not-the-admin-token-0123' },
    })
    assert.equal(refused.code, 0)
    assert.match(refused.stderr, /answered 401\. The Cron Trigger/)

    const unreachable = await runScript('websub-announce.ts', ['--url', 'http://127.0.0.1:9'], {
      env,
    })
    assert.equal(unreachable.code, 0)
    assert.match(unreachable.stderr, /could not be reached .*The Cron Trigger/)
  })
})

describe('WebSub when KV cannot be read', () => {
  it('pings nothing, fails the cron run visibly, and answers the deploy’s call with a 503 problem', async () => {
    assert.ok(secondBundle, 'built by the tests above')
    const faulty = await startWorker({
      scriptPath: secondBundle,
      kvFaults: true,
      vars: { SITE_URL: siteUrl },
      quiet: true,
    })
    try {
      await faulty.setKvFaults({ reads: true })
      assert.equal(await faulty.scheduled(new Date(), every), 'exception')
      const answer = await faulty.fetch(paths.websubAnnounce, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      })
      assert.equal(answer.status, 503)
      assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      assert.equal(answer.headers.get('retry-after'), '60')
      assert.equal(((await answer.json()) as { status: number }).status, 503)
      assert.deepEqual(hub.take(), [])
    } finally {
      await faulty.stop()
    }
  })
})

describe('WebSub without a hub', () => {
  it('the every-minute cron reads nothing: it succeeds while every KV call fails', async () => {
    const plain = await startWorker({ kvFaults: true, quiet: true })
    try {
      await plain.setKvFaults({ reads: true, writes: true })
      assert.equal(await plain.scheduled(new Date(), every), 'ok')
      const answer = await plain.fetch(paths.websubAnnounce, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      })
      assert.equal(answer.status, 200)
      assert.deepEqual(await answer.json(), {
        hub: null,
        pinged: [],
        failed: [],
        deferred: [],
        firstRun: false,
      })
    } finally {
      await plain.stop()
    }
  })
})
