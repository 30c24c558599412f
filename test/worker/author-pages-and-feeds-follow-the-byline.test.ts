import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { feedUrls } from '../../src/feeds/formats'
import { paths } from '../../src/paths'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { assertStrictlyValidFeed } from '../support/strict-feed-validators'

// Seven articles by रिपोर्टर, one shared with समाचार डेस्क, one by the desk alone;
// archive pages of 2, so the reporter's feeds have an RFC 5005 archive.
const fixture = 'test/fixtures/site-with-authors'
const reporter = 'रिपोर्टर'
const desk = 'समाचार डेस्क'
const html = { accept: 'text/html' }

let worker: TestWorker
before(async () => {
  worker = await startWorker({ scriptPath: buildFixtureBundle(fixture), quiet: true })
})
after(() => worker?.stop())

async function page(path: string): Promise<string> {
  const response = await worker.fetch(path, { headers: html })
  assert.equal(response.status, 200, path)
  return response.text()
}

/** The older document a feed links to: prev-archive in XML, next_url in JSON Feed. */
function olderOf(body: string, url: string): string | undefined {
  if (url.endsWith('.json')) return (JSON.parse(body) as { next_url?: string }).next_url
  return /<(?:atom:)?link rel="prev-archive" type="[^"]+" href="([^"]+)"\/>/.exec(body)?.[1]
}

describe("an author's page", () => {
  it('lists their articles newest first, shared ones included, and no one else’s', async () => {
    const body = await page(paths.author(reporter))
    const slugs = [...body.matchAll(/<h2><a href="\/articles\/([^"]+)">/g)].map((m) => m[1])
    assert.deepEqual(slugs, [
      'desk-1',
      'reporter-7',
      'reporter-6',
      'reporter-5',
      'reporter-4',
      'reporter-3',
      'reporter-2',
      'reporter-1',
    ])
    assert.match(body, new RegExp(`<h1>इनके लेख: ${reporter}</h1>`))
  })

  it('shows the bio and links of their file and the url their articles give them', async () => {
    const body = await page(paths.author(reporter))
    assert.ok(body.includes('दिल्ली से विज्ञान और तकनीक पर लिखती हैं।'))
    assert.ok(body.includes('<a href="https://social.example/@reporter" rel="me">Mastodon</a>'))
    assert.ok(body.includes('<a href="https://reporter.example/" rel="me">वेबसाइट</a>'))
    const deskPage = await page(paths.author(desk))
    assert.doesNotMatch(deskPage, /class="author-about"/, 'no file, no url: nothing to say')
  })

  it('advertises the author feeds in its head and its Subscribe block', async () => {
    const body = await page(paths.author(reporter))
    for (const [type, href] of <Array<[string, string]>>[
      ['application/rss+xml', feedUrls(paths.authorFeeds(reporter)).rss],
      ['application/atom+xml', feedUrls(paths.authorFeeds(reporter)).atom],
      ['application/feed+json', feedUrls(paths.authorFeeds(reporter)).json],
    ]) {
      assert.match(
        body,
        new RegExp(
          `<link rel="alternate" type="${type.replace('+', '\\+')}" title="[^"]+: ${reporter} \\([^)]+\\)" href="${worker.origin}${href}"/>`,
        ),
      )
      // The Subscribe block links the address encoded and shows it decoded, as readers read it.
      assert.ok(body.includes(`<a href="${worker.origin}${href}"`), href)
      assert.ok(body.includes(`<code>${decodeURI(`${worker.origin}${href}`)}</code>`), href)
    }
  })

  it('answers 404 for a name no article credits', async () => {
    const response = await worker.fetch(paths.author('कोई नहीं'), { headers: html })
    assert.equal(response.status, 404)
    await response.arrayBuffer()
  })
})

describe("an author's feeds", () => {
  it('hold their articles and pass the strict validators with no warning, archive pages included, in every format', async () => {
    for (const start of Object.values(feedUrls(worker.origin + paths.authorFeeds(reporter)))) {
      const seen: string[] = []
      let url: string | undefined = start
      while (url) {
        const response: Response = await fetch(url)
        assert.equal(response.status, 200, url)
        const body = await response.text()
        await assertStrictlyValidFeed(body, url)
        seen.push(
          ...[...body.matchAll(/articles\/(reporter-\d|desk-\d)/g)].map((m) => m[1] as string),
        )
        url = olderOf(body, url)
      }
      assert.deepEqual(
        [...new Set(seen)].sort(),
        [
          'desk-1',
          'reporter-1',
          'reporter-2',
          'reporter-3',
          'reporter-4',
          'reporter-5',
          'reporter-6',
          'reporter-7',
        ],
        start,
      )
    }
  })
})

describe('bylines', () => {
  it("link each author's name to their page on the article page, not to their own url", async () => {
    const body = await page(paths.article('desk-1'))
    assert.ok(body.includes(`<a href="${paths.author(desk)}" rel="author">${desk}</a>`))
    assert.ok(body.includes(`<a href="${paths.author(reporter)}" rel="author">${reporter}</a>`))
    const own = await page(paths.article('reporter-1'))
    assert.ok(!own.includes('href="https://reporter.example/"'), 'the url is on the author page')
  })

  it('link to the author page from the home page', async () => {
    const body = await page(paths.home)
    assert.ok(body.includes(`<a href="${paths.author(desk)}" rel="author">${desk}</a>`))
  })
})

describe('the sitemap', () => {
  it('lists every author page', async () => {
    const sitemap = await (await worker.fetch(paths.sitemap)).text()
    for (const name of [reporter, desk]) {
      assert.ok(sitemap.includes(`<loc>http://localhost:8787${paths.author(name)}</loc>`), name)
    }
  })
})
