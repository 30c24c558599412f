import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { feedUrls } from '../../src/feeds/formats'
import { startWorker, type TestWorker } from '../harness/worker'
import { adminCall, postApproved, validComment } from '../support/comments'
import { seed } from '../support/seed'
import { assertStrictlyValidFeed } from '../support/strict-feed-validators'

const feeds = feedUrls('/comments/')

let worker: TestWorker
let approved: string
before(async () => {
  worker = await startWorker({ countKv: true, rateLimit: 1000 })
  approved = await postApproved(
    worker,
    validComment({ author: 'राधा', content: 'साइट की टिप्पणी & <b>' }),
  )
})
after(() => worker.stop())

/** The ids in the site's JSON comment feed, newest first. */
async function siteFeedIds(): Promise<string[]> {
  const response = await worker.fetch(feeds.json)
  assert.equal(response.status, 200)
  const feed = (await response.json()) as { items: Array<{ id: string }> }
  return feed.items.map((item) => item.id.slice(item.id.lastIndexOf('/') + 1))
}

/** Polls the site comment feed until `holds` (the view updater runs within about a second). */
async function untilSiteFeed(holds: (ids: string[]) => boolean): Promise<string[]> {
  let ids = await siteFeedIds()
  for (let attempt = 0; attempt < 100 && !holds(ids); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    ids = await siteFeedIds()
  }
  return ids
}

describe('the site comment feed', () => {
  it('shows an approved comment titled "<author> on <article>" in the site language, linking its anchor', async () => {
    assert.ok((await untilSiteFeed((ids) => ids.includes(approved))).includes(approved))
    const feed = (await (await worker.fetch(feeds.json)).json()) as {
      items: Array<{ id: string; url: string; title: string }>
    }
    const item = feed.items.find((entry) => entry.id.endsWith(`/${approved}`))
    assert.equal(item?.title, `${seed.title} पर राधा की टिप्पणी`)
    assert.equal(item?.url, `${worker.origin}/articles/${seed.slug}#comment-${approved}`)
  })

  it('passes the strict validators in every format with no warning', async () => {
    await untilSiteFeed((ids) => ids.includes(approved))
    for (const path of Object.values(feeds)) {
      const url = worker.origin + path
      const response = await fetch(url)
      assert.equal(response.status, 200, path)
      await assertStrictlyValidFeed(await response.text(), url)
    }
  })

  it('is advertised on the home page, in its head and its Subscribe block', async () => {
    const page = await (await worker.fetch('/')).text()
    for (const [label, path] of [
      ['RSS', feeds.rss],
      ['Atom', feeds.atom],
      ['JSON Feed', feeds.json],
    ]) {
      assert.match(
        page,
        new RegExp(
          `<link rel="alternate" [^>]*title="टिप्पणियाँ — [^"]+ \\(${label}\\)" href="${worker.origin}${path}"/>`,
        ),
      )
      assert.ok(page.includes(`<code>${worker.origin}${path}</code>`), path)
    }
  })

  it('is read by a reader without a KV list', async () => {
    await worker.takeKvOperations()
    for (const path of Object.values(feeds)) {
      const response = await worker.fetch(`${path}?fresh=${Math.random()}`)
      assert.equal(response.status, 200)
      await response.arrayBuffer()
    }
    assert.equal((await worker.takeKvOperations()).list, 0)
  })

  it('drops a comment marked as spam', async () => {
    const spammed = await adminCall(worker, 'POST', `/admin/comments/${approved}/spam`)
    assert.equal(spammed.status, 200)
    assert.ok(!(await untilSiteFeed((ids) => !ids.includes(approved))).includes(approved))
  })
})
