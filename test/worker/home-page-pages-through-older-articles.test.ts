import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { contentFolder } from '../support/content-folder'

const articleCount = 65
const edited = 40
let worker: TestWorker

/** A content folder with `articleCount` articles, article-1 the oldest. */
function manyArticles(): string {
  return contentFolder(
    Array.from({ length: articleCount }, (_, i) => {
      const n = i + 1
      const day = String(1 + (n % 28)).padStart(2, '0')
      const month = String(1 + Math.floor(n / 28)).padStart(2, '0')
      return {
        slug: `article-${n}`,
        title: `लेख ${n}`,
        summary: `सारांश ${n}`,
        published: `2025-${month}-${day}T10:00:00+05:30`,
        // Corrected long after: the page that shows it is as new as the correction.
        ...(n === edited ? { extra: 'updated: 2025-12-01T10:00:00+05:30\n' } : {}),
        body: `पाठ ${n}`,
      }
    }),
  )
}

before(async () => {
  worker = await startWorker({ scriptPath: buildFixtureBundle(manyArticles()) })
})
after(() => worker.stop())

const titlesOn = async (path: string) => {
  const html = await (await worker.fetch(path)).text()
  return {
    html,
    titles: [...html.matchAll(/<h2><a href="[^"]+">(लेख \d+)<\/a><\/h2>/g)].map((m) => m[1]),
  }
}

describe('home page with many articles', () => {
  it('shows the newest 30 first and links to older ones', async () => {
    const { html, titles } = await titlesOn('/')
    assert.equal(titles.length, 30)
    assert.equal(titles[0], `लेख ${articleCount}`)
    assert.match(html, /<a href="\/\?page=2" rel="next">पुराने लेख →<\/a>/)
    assert.doesNotMatch(html, /rel="prev"/)
  })

  it('continues on page 2 and ends on page 3 with the oldest', async () => {
    const second = await titlesOn('/?page=2')
    assert.equal(second.titles[0], `लेख ${articleCount - 30}`)
    assert.match(second.html, /<a href="\/" rel="prev">/)
    assert.match(second.html, /<link rel="canonical" href="[^"]+\/\?page=2"/)
    const third = await titlesOn('/?page=3')
    assert.equal(third.titles.length, articleCount - 60)
    assert.equal(third.titles.at(-1), 'लेख 1')
    assert.doesNotMatch(third.html, /rel="next"/)
  })

  it('dates each page by its newest article or the latest correction it shows', async () => {
    const modified = async (path: string) => (await worker.fetch(path)).headers.get('last-modified')
    // Article 40 is on page 1 (65–36); article 65, the newest, is of 10 March 2025.
    assert.equal(await modified('/'), 'Mon, 01 Dec 2025 04:30:00 GMT')
    assert.equal(await modified('/?page=2'), 'Mon, 10 Mar 2025 04:30:00 GMT')
  })

  it('answers 404 for pages that do not exist, for ?page=1 (which is /) and for other spellings of a page', async () => {
    for (const page of ['4', '0', '-1', 'x', '1.5', '1', '01', '1.0', '1e0', '%201', '02', '2.0']) {
      assert.equal((await worker.fetch(`/?page=${page}`)).status, 404, page)
    }
  })

  it('serves the body of an article outside the feeds from the static assets', async () => {
    const html = await (await worker.fetch('/articles/article-1')).text()
    assert.match(html, /<p>पाठ 1<\/p>/)
  })

  it('keeps in the feeds only what no full archive page of feed_size (20) holds yet', async () => {
    // 65 articles: archive pages 1 (articles 1–20) and 2 (21–40), the feed 41–65.
    const feed = await (await worker.fetch('/feed.json')).json()
    assert.equal(feed.items.length, 25)
    assert.equal(feed.items[0].title, `लेख ${articleCount}`)
    assert.equal(feed.next_url, `${worker.origin}/archive/2/feed.json`)
  })
})
