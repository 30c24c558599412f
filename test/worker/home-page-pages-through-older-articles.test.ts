import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'

const articleCount = 65
let worker: TestWorker

/** A content folder with `articleCount` articles, article-1 the oldest. */
function manyArticles(): string {
  const content = mkdtempSync(join(tmpdir(), 'many-articles-'))
  mkdirSync(join(content, 'articles'))
  cpSync('content/site.yaml', join(content, 'site.yaml'))
  for (let n = 1; n <= articleCount; n++) {
    const day = String(1 + (n % 28)).padStart(2, '0')
    const month = String(1 + Math.floor(n / 28)).padStart(2, '0')
    writeFileSync(
      join(content, 'articles', `article-${n}.md`),
      `---\ntitle: "लेख ${n}"\nslug: article-${n}\npublished: 2025-${month}-${day}T10:00:00+05:30\nlanguage: hi\nsummary: "सारांश ${n}"\nauthors:\n  - name: लेखक\n---\n\nपाठ ${n}\n`,
    )
  }
  return content
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

  it('answers 404 for pages that do not exist, and for ?page=1 (which is /)', async () => {
    for (const page of ['4', '0', '-1', 'x', '1.5', '1']) {
      assert.equal((await worker.fetch(`/?page=${page}`)).status, 404, page)
    }
  })

  it('serves the body of an article outside the feeds from the static assets', async () => {
    const html = await (await worker.fetch('/articles/article-1')).text()
    assert.match(html, /<p>पाठ 1<\/p>/)
  })

  it('keeps the feeds to feed_size entries', async () => {
    const feed = await (await worker.fetch('/feed.json')).json()
    assert.equal(feed.items.length, 20)
    assert.equal(feed.items[0].title, `लेख ${articleCount}`)
  })
})
