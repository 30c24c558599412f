import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { XMLValidator } from 'fast-xml-parser'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { contentFolder } from '../support/content-folder'
import { pngHeader } from '../support/images'
import { childrenNamed, parseXmlTree } from '../support/xml-tree'

const hour = 3600 * 1000
// A title that would end the data block or open a comment if written as it is.
const hostileTitle = 'ताज़ा </script><!-- "ख़बर" & <b>'
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9'

// Dates relative to the real clock the Worker reads: one article an hour old,
// one three days old, one still scheduled for tomorrow.
const freshPublished = new Date(Date.now() - hour).toISOString()
const freshUpdated = new Date(Date.now() - hour / 2).toISOString()

function newsSite(): string {
  return contentFolder(
    [
      {
        slug: 'fresh',
        published: freshPublished,
        title: hostileTitle,
        authorUrl: 'https://example.org/lekhak',
        extra: `updated: ${freshUpdated}\n`,
        body: '![नक्शा](/media/map.png)\n\nपाठ',
      },
      { slug: 'three-days-old', published: new Date(Date.now() - 72 * hour).toISOString() },
      { slug: 'tomorrow', published: new Date(Date.now() + 24 * hour).toISOString() },
    ],
    { media: { 'map.png': pngHeader(800, 600) } },
  )
}

let worker: TestWorker
before(async () => {
  worker = await startWorker({ scriptPath: buildFixtureBundle(newsSite()) })
})
after(() => worker.stop())

/** The value of `<meta property="…">` in a page, its HTML escapes undone. */
function metaProperty(page: string, property: string): string | undefined {
  const found = new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(page)?.[1]
  return found
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

describe('NewsArticle JSON-LD on an article page', () => {
  it('is one data block that parses and matches the page, its og: tags and its byline', async () => {
    const page = await (await worker.fetch('/articles/fresh')).text()
    const blocks = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
    assert.equal(blocks.length, 1)
    const json = blocks[0]?.[1] ?? ''
    // The hostile title cannot end the element or open a comment inside it.
    assert.doesNotMatch(json, /<|>/)
    const data = JSON.parse(json)
    // Links are made absolute against SITE_URL, which the page's og:url shows.
    const canonical = metaProperty(page, 'og:url') ?? ''
    assert.match(canonical, /^https?:\/\/[^/]+\/articles\/fresh$/)
    const siteUrl = new URL(canonical).origin
    assert.equal(data['@context'], 'https://schema.org')
    assert.equal(data['@type'], 'NewsArticle')
    assert.equal(data.headline, hostileTitle)
    assert.equal(metaProperty(page, 'og:title'), `${hostileTitle} — ${data.publisher.name}`)
    assert.equal(data.datePublished, freshPublished)
    assert.equal(data.dateModified, freshUpdated)
    assert.ok(page.includes(`<time datetime="${freshPublished}">`))
    assert.ok(page.includes(`<time datetime="${freshUpdated}">`))
    // The author's page on this site, which the byline links; their own site as sameAs.
    const authorPage = `/authors/${encodeURIComponent('लेखक')}`
    assert.deepEqual(data.author, [
      {
        '@type': 'Person',
        name: 'लेखक',
        url: `${siteUrl}${authorPage}`,
        sameAs: 'https://example.org/lekhak',
      },
    ])
    assert.ok(page.includes(`<a href="${authorPage}" rel="author">लेखक</a>`))
    assert.deepEqual(data.image, {
      '@type': 'ImageObject',
      url: metaProperty(page, 'og:image'),
      width: Number(metaProperty(page, 'og:image:width')),
      height: Number(metaProperty(page, 'og:image:height')),
    })
    assert.equal(data.image.url, `${siteUrl}/media/map.png`)
    assert.deepEqual([data.image.width, data.image.height], [800, 600])
    assert.equal(data.mainEntityOfPage['@id'], canonical)
    assert.equal(data.inLanguage, 'hi')
    assert.equal(data.publisher['@type'], 'Organization')
    assert.equal(data.publisher.name, metaProperty(page, 'og:site_name'))
  })
})

describe('the news sitemap', () => {
  it('lists the article of the last hour and leaves out one three days old and one not out yet', async () => {
    const response = await worker.fetch('/news-sitemap.xml')
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/xml; charset=utf-8')
    const xml = await response.text()
    assert.equal(XMLValidator.validate(xml), true)
    const { root, undeclaredPrefixes } = parseXmlTree(xml)
    assert.deepEqual(undeclaredPrefixes, [])
    assert.equal(root.ns, sitemapNs)
    assert.equal(root.local, 'urlset')
    const page = await (await worker.fetch('/articles/fresh')).text()
    const urls = childrenNamed(root, sitemapNs, 'url')
    const locs = urls.map((url) => childrenNamed(url, sitemapNs, 'loc')[0]?.text)
    assert.deepEqual(locs, [metaProperty(page, 'og:url')])
    const [first] = urls
    assert.ok(first)
    const [news] = childrenNamed(first, newsNs, 'news')
    assert.ok(news)
    const [publication] = childrenNamed(news, newsNs, 'publication')
    assert.ok(publication)
    assert.equal(
      childrenNamed(publication, newsNs, 'name')[0]?.text,
      metaProperty(page, 'og:site_name'),
    )
    assert.equal(childrenNamed(publication, newsNs, 'language')[0]?.text, 'hi')
    assert.equal(childrenNamed(news, newsNs, 'publication_date')[0]?.text, freshPublished)
    assert.equal(childrenNamed(news, newsNs, 'title')[0]?.text, hostileTitle)
  })

  it('is named in robots.txt beside the sitemap', async () => {
    const robots = await (await worker.fetch('/robots.txt')).text()
    assert.match(robots, /^Sitemap: \S+\/sitemap\.xml$/m)
    assert.match(robots, /^Sitemap: \S+\/news-sitemap\.xml$/m)
  })
})
