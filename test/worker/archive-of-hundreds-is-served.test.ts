import assert from 'node:assert/strict'
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  generateArticles,
  syntheticArticle,
  syntheticAuthors,
  syntheticTags,
} from '../../scripts/generate-articles'
import { indexPageSize, shardCountFor, shardOf } from '../../src/content/data-files'
import { paths } from '../../src/paths'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { testSiteSettings } from '../harness/test-site'
import { startWorker, type TestWorker } from '../harness/worker'
import { pngHeader } from '../support/images'

const articleCount = 300
const urlLimit = 100
const feedSize = 20
let worker: TestWorker
let assetsDir: string

/** Every synthetic article's slug and title, newest (number 1) first. */
const articles = Array.from({ length: articleCount }, (_, i) => {
  const { slug, text } = syntheticArticle(i + 1, { words: [20, 60] })
  const title = JSON.parse(/^title: (.*)$/m.exec(text)?.[1] ?? '""') as string
  return { slug, title }
})
const newest = articles[0]?.slug ?? ''

before(async () => {
  const content = mkdtempSync(join(tmpdir(), 'archive-'))
  generateArticles(content, articleCount, { words: [20, 60], siteFile: testSiteSettings })
  mkdirSync(join(content, 'media'))
  writeFileSync(join(content, 'media', 'lead.png'), pngHeader(1200, 630))
  appendFileSync(
    join(content, 'articles', `${newest}.md`),
    '\n![Crowd at the protest](/media/lead.png)\n',
  )
  const bundle = buildFixtureBundle(content, { SITEMAP_URL_LIMIT: String(urlLimit) })
  assetsDir = join(dirname(dirname(bundle)), 'src', 'generated', 'assets')
  worker = await startWorker({ scriptPath: bundle })
})
after(() => worker.stop())

const htmlText = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

describe(`an archive of ${articleCount} articles`, () => {
  it('serves every article page with its title', async () => {
    for (const { slug, title } of articles) {
      const response = await worker.fetch(`/articles/${slug}`)
      assert.equal(response.status, 200, slug)
      const html = await response.text()
      assert.equal(htmlText(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? ''), title, slug)
    }
  })

  it('stores each article in the shard its slug hashes to, and writes no empty shard', () => {
    const folder = join(assetsDir, '_data', 'articles')
    const shardCount = shardCountFor(articleCount)
    const found = new Map<string, number>()
    for (const name of readdirSync(folder)) {
      const shard = Number(name.replace(/\.json$/, ''))
      const slugs = Object.keys(JSON.parse(readFileSync(join(folder, name), 'utf8')))
      assert.ok(slugs.length > 0, `${name} is empty`)
      for (const slug of slugs) found.set(slug, shard)
    }
    assert.equal(found.size, articleCount)
    for (const { slug } of articles) assert.equal(found.get(slug), shardOf(slug, shardCount), slug)
  })

  it('pages the home page through every article, newest first', async () => {
    const pages = Math.ceil(articleCount / indexPageSize)
    const listed: string[] = []
    for (let page = 1; page <= pages; page++) {
      const html = await (await worker.fetch(page === 1 ? '/' : `/?page=${page}`)).text()
      listed.push(...[...html.matchAll(/href="\/articles\/([^"]+)"/g)].map((m) => m[1] ?? ''))
    }
    assert.deepEqual(
      listed,
      articles.map((a) => a.slug),
    )
    assert.equal((await worker.fetch(`/?page=${pages + 1}`)).status, 404)
  })

  it('puts the newest feed_size articles in every feed, with the lead image', async () => {
    const json = await (await worker.fetch('/feed.json')).json()
    assert.deepEqual(
      json.items.map((item: { url: string }) => item.url.replace(/^.*\/articles\//, '')),
      articles.slice(0, feedSize).map((a) => a.slug),
    )
    assert.equal(json.items[0].image, `${worker.origin}/media/lead.png`)
    assert.equal(json.items[1].image, undefined)
    const imageUrl = `${worker.origin}/media/lead.png`
    const rss = await (await worker.fetch('/feed.xml')).text()
    const enclosure = /<enclosure [^>]*>/.exec(rss)?.[0] ?? ''
    for (const attribute of [`url="${imageUrl}"`, 'type="image/png"', 'length="33"']) {
      assert.ok(enclosure.includes(attribute), `${enclosure} has ${attribute}`)
    }
    assert.ok(rss.includes(`<img src="${imageUrl}"`), 'the body links the image absolutely')
    const atom = await (await worker.fetch('/atom.xml')).text()
    assert.ok(
      atom.includes(`<link rel="enclosure" type="image/png" length="33" href="${imageUrl}"/>`),
    )
  })

  it('gives the article page og:image with its size, and serves the image', async () => {
    const html = await (await worker.fetch(`/articles/${newest}`)).text()
    assert.match(
      html,
      /<meta property="og:image" content="http:\/\/localhost:8787\/media\/lead.png"/,
    )
    assert.match(html, /<meta property="og:image:width" content="1200"/)
    assert.match(
      html,
      /<img src="\/media\/lead.png" alt="Crowd at the protest" width="1200" height="630"/,
    )
    const image = await worker.fetch('/media/lead.png')
    assert.equal(image.status, 200)
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), pngHeader(1200, 630))
  })

  it('splits the sitemap behind an index once the URLs outgrow one sitemap', async () => {
    const index = await (await worker.fetch('/sitemap.xml')).text()
    assert.match(index, /<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/)
    const sitemaps = [...index.matchAll(/<loc>[^<]*(\/sitemaps\/\d+\.xml)<\/loc>/g)].map(
      (m) => m[1],
    )
    // Home, articles, tag pages and author pages (every author writes some of 300).
    const urlCount = articleCount + 1 + syntheticTags.length + syntheticAuthors.length
    assert.equal(sitemaps.length, Math.ceil(urlCount / urlLimit))
    const locs: string[] = []
    for (const path of sitemaps) {
      const text = await (await worker.fetch(path ?? '')).text()
      const urls = [...text.matchAll(/<url><loc>([^<]*)<\/loc>(<lastmod>[^<]+<\/lastmod>)?/g)]
      assert.ok(urls.length <= urlLimit, `${path} has ${urls.length} URLs`)
      for (const [, loc, lastmod] of urls) {
        locs.push(loc ?? '')
        if (loc?.includes('/articles/')) assert.ok(lastmod, `${loc} has a lastmod`)
      }
    }
    assert.deepEqual(
      locs.sort(),
      [
        'http://localhost:8787/',
        ...articles.map((a) => `http://localhost:8787/articles/${a.slug}`),
        ...syntheticTags.map((tag) => `http://localhost:8787${paths.tag(tag)}`),
        ...syntheticAuthors.map(({ name }) => `http://localhost:8787${paths.author(name)}`),
      ].sort(),
    )
    assert.equal((await worker.fetch(`/sitemaps/${sitemaps.length + 1}.xml`)).status, 404)
  })
})
