import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { startWorker, type TestWorker } from '../harness/worker'
import { getWithHost } from '../support/http'
import { seed } from '../support/seed'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const articleUrl = () => `${worker.origin}/articles/${seed.slug}`
const articleId = 'tag:news.example.org,2024:articles/openai-sora-artists-leak-protest'

describe('RSS 2.0 at /feed.xml', () => {
  it('is served as application/rss+xml in UTF-8 and is well-formed XML', async () => {
    const response = await worker.fetch('/feed.xml')
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/rss+xml; charset=utf-8')
    assertWellFormedXml(await response.text())
  })

  it('carries the exact Devanagari title, summary, date, language, authors and links', async () => {
    const xml = await (await worker.fetch('/feed.xml')).text()
    const feed = parseRssFeed(xml)
    assert.equal(feed.link, `${worker.origin}/`)
    assert.equal(feed.language, 'hi')
    assert.deepEqual(
      feed.atom?.links?.find((l) => l.rel === 'self'),
      { href: `${worker.origin}/feed.xml`, rel: 'self', type: 'application/rss+xml' },
    )
    const item = feed.items?.[0]
    assert.ok(item)
    assert.equal(item.title, seed.title)
    assert.equal(item.description, seed.summary)
    assert.equal(item.link, articleUrl())
    assert.deepEqual(item.guid, { value: articleId, isPermaLink: false })
    assert.equal(item.pubDate, 'Wed, 27 Nov 2024 12:00:00 GMT')
    assert.deepEqual(item.dc?.creators, ['फ़र्स्टपोस्ट'])
    assert.deepEqual(item.dc?.languages, ['hi'])
    assert.equal(
      item.authors,
      undefined,
      'RSS <author> must be an e-mail, so names go in dc:creator',
    )
    assert.equal(item.wfw?.commentRss, `${articleUrl()}/comments/feed.xml`)
    assert.equal(item.slash?.comments, 0)
    assert.equal(item.comments, `${articleUrl()}#comments`)
    for (const heading of seed.headings)
      assert.ok(item.content?.encoded?.includes(`<h2>${heading}</h2>`))
  })

  it('has a non-empty channel description and no generator noise', async () => {
    const xml = await (await worker.fetch('/feed.xml')).text()
    assert.match(xml, /<description>[^<]+<\/description>/)
    assert.doesNotMatch(xml, /<description\/>|<description><\/description>/)
  })
})

describe('Atom 1.0 at /atom.xml', () => {
  it('is served as application/atom+xml in UTF-8 and is well-formed XML', async () => {
    const response = await worker.fetch('/atom.xml')
    assert.equal(response.headers.get('content-type'), 'application/atom+xml; charset=utf-8')
    assertWellFormedXml(await response.text())
  })

  it('carries ids, dates, the exact title, self link and RFC 4685 replies links', async () => {
    const xml = await (await worker.fetch('/atom.xml')).text()
    assert.match(xml, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"[^>]* xml:lang="hi">/)
    const feed = parseAtomFeed(xml)
    assert.equal(feed.id, 'tag:news.example.org,2024:feed')
    assert.equal(feed.updated, '2024-11-27T12:00:00.000Z')
    assert.ok(feed.links?.some((l) => l.rel === 'self' && l.href === `${worker.origin}/atom.xml`))
    assert.ok(feed.links?.some((l) => l.rel === 'alternate' && l.href === `${worker.origin}/`))
    const entry = feed.entries?.[0]
    assert.ok(entry)
    assert.equal(entry.id, articleId)
    assert.deepEqual(entry.title, { type: 'text', value: seed.title })
    assert.deepEqual(entry.summary, { type: 'html', value: seed.summary })
    assert.equal(entry.published, '2024-11-27T12:00:00.000Z')
    assert.equal(entry.updated, '2024-11-27T12:00:00.000Z')
    assert.deepEqual(entry.authors, [{ name: 'फ़र्स्टपोस्ट', uri: 'https://www.firstpost.com/' }])
    const replies = entry.links?.filter((l) => l.rel === 'replies') ?? []
    assert.deepEqual(
      replies.map((l) => [l.type, l.href]),
      [
        ['application/atom+xml', `${articleUrl()}/comments/atom.xml`],
        ['text/html', `${articleUrl()}#comments`],
      ],
    )
  })
})

describe('JSON Feed 1.1 at /feed.json', () => {
  it('is served as application/feed+json and valid against the 1.1 schema', async () => {
    const response = await worker.fetch('/feed.json')
    assert.equal(response.headers.get('content-type'), 'application/feed+json; charset=utf-8')
    const feed = JSON.parse(await response.text())
    assertValidJsonFeed(feed)
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1')
  })

  it('uses 1.1 authors and language, with the exact title and summary', async () => {
    const feed = JSON.parse(await (await worker.fetch('/feed.json')).text())
    assert.equal(feed.feed_url, `${worker.origin}/feed.json`)
    assert.equal(feed.home_page_url, `${worker.origin}/`)
    assert.equal(feed.language, 'hi')
    const item = feed.items[0]
    assert.equal(item.id, articleId)
    assert.equal(item.title, seed.title)
    assert.equal(item.summary, seed.summary)
    assert.equal(item.language, 'hi')
    assert.deepEqual(item.authors, [{ name: 'फ़र्स्टपोस्ट', url: 'https://www.firstpost.com/' }])
    assert.equal(item.author, undefined, 'JSON Feed 1.0 "author" must not appear')
    assert.equal(item.date_published, '2024-11-27T12:00:00.000Z')
    assert.equal(item._comments.feed_url, `${articleUrl()}/comments/feed.json`)
    // Also readable by an independent feed parser.
    assert.equal(parseJsonFeed(feed).items?.[0]?.title, seed.title)
  })
})

describe('feed identity', () => {
  it('keeps ids and links when a request names another hostname', async () => {
    const other = await getWithHost(worker.origin, '/feed.json', 'mirror.example.net')
    const feed = JSON.parse(other.body)
    assert.equal(feed.items[0].id, articleId)
    assert.equal(feed.feed_url, 'http://localhost:8787/feed.json')
  })

  it('sends the bytes of the title byte for byte in every format', async () => {
    const expected = Buffer.from(seed.title, 'utf8')
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const bytes = Buffer.from(await (await worker.fetch(path)).arrayBuffer())
      assert.ok(bytes.includes(expected), `${path} lacks the title's UTF-8 bytes`)
    }
  })
})
