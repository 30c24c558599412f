import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { contentFolder } from '../support/content-folder'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

// 27 articles in pages of 5: pages 1–4 hold articles 1–20, the subscription feed 21–27.
const articleCount = 27
const feedSize = 5
const everyTag = 'सभी'
// Written decomposed in some files and composed in others: one tag all the same.
const tamil = 'तमिऴ'
const hub = 'https://hub.example.org/'
let worker: TestWorker

/** article-1 is the oldest; every article is tagged सभी, every third one तमिऴ too. */
function manyArticles(): string {
  const articles = Array.from({ length: articleCount }, (_, i) => {
    const n = i + 1
    const tags = [everyTag]
    if (n % 3 === 0) tags.push(n % 2 === 0 ? tamil.normalize('NFD') : tamil.normalize('NFC'))
    return {
      slug: `article-${n}`,
      title: `लेख ${n}`,
      summary: `सारांश ${n}`,
      published: new Date(Date.UTC(2025, 0, n, 4, 30)).toISOString(),
      tags,
      body: `पाठ ${n}`,
    }
  })
  return contentFolder(articles, { settings: { feed_size: feedSize, websub_hub: hub } })
}

before(async () => {
  worker = await startWorker({ scriptPath: buildFixtureBundle(manyArticles()) })
})
after(() => worker.stop())

const slugOf = (id: string | undefined) => id?.replace(/^.*articles\//, '')
const expected = (numbers: number[]) => numbers.map((n) => `article-${n}`).sort()
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

interface Visited {
  url: string
  slugs: string[]
  links: Record<string, string>
  archive: boolean
}

async function getText(url: string): Promise<{ text: string; response: Response }> {
  const response = await fetch(url)
  assert.equal(response.status, 200, url)
  return { text: await response.text(), response }
}

/** Follows prev-archive from an RSS feed to the oldest page, checking every document. */
async function walkRss(start: string): Promise<Visited[]> {
  const visited: Visited[] = []
  let url: string | undefined = start
  while (url) {
    const { text } = await getText(url)
    assertWellFormedXml(text)
    const feed = parseRssFeed(text)
    const links = Object.fromEntries(
      (feed.atom?.links ?? []).map((l) => [l.rel ?? '', l.href ?? '']),
    )
    const slugs = (feed.items ?? []).map((item) => slugOf(item.guid?.value) ?? '')
    visited.push({ url, slugs, links, archive: text.includes('<fh:archive/>') })
    url = links['prev-archive']
  }
  return visited
}

async function walkAtom(start: string): Promise<Visited[]> {
  const visited: Visited[] = []
  let url: string | undefined = start
  while (url) {
    const { text } = await getText(url)
    assertWellFormedXml(text)
    const feed = parseAtomFeed(text)
    const links = Object.fromEntries((feed.links ?? []).map((l) => [l.rel ?? '', l.href ?? '']))
    const slugs = (feed.entries ?? []).map((entry) => slugOf(entry.id) ?? '')
    visited.push({ url, slugs, links, archive: text.includes('<fh:archive/>') })
    url = links['prev-archive']
  }
  return visited
}

async function walkJson(start: string): Promise<Visited[]> {
  const visited: Visited[] = []
  let url: string | undefined = start
  while (url) {
    const { text } = await getText(url)
    const json = JSON.parse(text)
    assertValidJsonFeed(json)
    const feed = parseJsonFeed(json)
    visited.push({
      url,
      slugs: (feed.items ?? []).map((item) => slugOf(item.id) ?? ''),
      links: {},
      archive: false,
    })
    url = feed.next_url
  }
  return visited
}

/** Checks the RFC 5005 links of a walked chain of one format whose pages are `pages`. */
function assertArchiveLinks(chain: Visited[], folder: string, file: string, pages: number) {
  const url = (page: number) => `${worker.origin}${folder}archive/${page}/${file}`
  assert.equal(chain.length, pages + 1)
  const [current, ...archives] = chain
  assert.ok(current)
  assert.equal(current.archive, false)
  assert.equal(current.links['prev-archive'], url(pages))
  archives.forEach((doc, i) => {
    const page = pages - i
    assert.equal(doc.url, url(page))
    assert.equal(doc.archive, true, `${doc.url} has fh:archive`)
    assert.equal(doc.links.self, url(page))
    assert.equal(doc.links.current, `${worker.origin}${folder}${file}`)
    assert.equal(doc.links['next-archive'], page < pages ? url(page + 1) : undefined)
    assert.equal(doc.links['prev-archive'], page > 1 ? url(page - 1) : undefined)
  })
}

describe('archived feeds (RFC 5005) of the site', () => {
  for (const [file, walk] of [
    ['feed.xml', walkRss],
    ['atom.xml', walkAtom],
    ['feed.json', walkJson],
  ] as const) {
    it(`lead from /${file} to every article exactly once, through full pages of feed_size`, async () => {
      const chain = await walk(`${worker.origin}/${file}`)
      const all = chain.flatMap((doc) => doc.slugs)
      assert.equal(all.length, articleCount, 'no article twice')
      assert.deepEqual([...all].sort(), expected(range(1, articleCount)))
      assert.deepEqual(
        chain[0]?.slugs,
        range(21, 27)
          .reverse()
          .map((n) => `article-${n}`),
      )
      for (const page of chain.slice(1)) assert.equal(page.slugs.length, feedSize)
      assert.deepEqual(chain.at(-1)?.slugs, [
        'article-5',
        'article-4',
        'article-3',
        'article-2',
        'article-1',
      ])
      if (file !== 'feed.json') assertArchiveLinks(chain, '/', file, 4)
    })
  }

  it('serves archive pages for a week of caching, with no comment counts, and 404 past the end', async () => {
    const response = await worker.fetch('/archive/2/feed.xml')
    assert.equal(response.headers.get('cache-control'), 'public, max-age=604800')
    assert.ok(response.headers.get('etag'))
    assert.doesNotMatch(await response.text(), /slash:comments/)
    assert.doesNotMatch(await (await worker.fetch('/archive/2/atom.xml')).text(), /thr:count/)
    for (const path of ['/archive/5/feed.xml', '/archive/0/feed.xml', '/archive/01/feed.json']) {
      assert.equal((await worker.fetch(path)).status, 404, path)
    }
  })
})

describe('WebSub discovery', () => {
  it('names the hub and the topic in every subscription feed and its Link header, never in archives', async () => {
    for (const folder of ['/', `/tags/${encodeURIComponent(tamil)}/`]) {
      const self = (file: string) => `${worker.origin}${folder}${file}`
      const link = (file: string) => `<${hub}>; rel="hub", <${self(file)}>; rel="self"`
      const rss = await worker.fetch(`${folder}feed.xml`)
      assert.equal(rss.headers.get('link'), link('feed.xml'))
      assert.deepEqual(
        parseRssFeed(await rss.text())
          .atom?.links?.map((l) => `${l.rel} ${l.href}`)
          .sort(),
        [
          `hub ${hub}`,
          ...(folder === '/' ? [`prev-archive ${worker.origin}/archive/4/feed.xml`] : []),
          `self ${self('feed.xml')}`,
        ],
      )
      const atom = await worker.fetch(`${folder}atom.xml`)
      assert.equal(atom.headers.get('link'), link('atom.xml'))
      const links = parseAtomFeed(await atom.text()).links ?? []
      assert.ok(links.some((l) => l.rel === 'hub' && l.href === hub))
      assert.ok(links.some((l) => l.rel === 'self' && l.href === self('atom.xml')))
      const json = await worker.fetch(`${folder}feed.json`)
      assert.equal(json.headers.get('link'), link('feed.json'))
      assert.deepEqual((await json.json()).hubs, [{ type: 'WebSub', url: hub }])
    }
    const archived = await worker.fetch('/archive/1/atom.xml')
    assert.equal(archived.headers.get('link'), null)
    assert.doesNotMatch(await archived.text(), /rel="hub"/)
  })
})

describe('tags', () => {
  const tamilPath = (form: 'NFC' | 'NFD') => `/tags/${encodeURIComponent(tamil.normalize(form))}`

  it('list a tag written in either normal form as one tag, at either spelling of its address', async () => {
    for (const form of ['NFC', 'NFD'] as const) {
      const response = await worker.fetch(tamilPath(form), { redirect: 'follow' })
      assert.equal(response.status, 200, form)
      const html = await response.text()
      const titles = [...html.matchAll(/<h2><a href="[^"]+">(लेख \d+)<\/a><\/h2>/g)].map((m) => m[1])
      assert.deepEqual(
        titles,
        [27, 24, 21, 18, 15, 12, 9, 6, 3].map((n) => `लेख ${n}`),
      )
      assert.match(html, new RegExp(`<link rel="canonical" href="[^"]+${tamilPath('NFC')}"`))
    }
  })

  it('advertise their three feeds on the tag page', async () => {
    const html = await (await worker.fetch(tamilPath('NFC'))).text()
    for (const [type, file] of [
      ['application/rss+xml', 'feed.xml'],
      ['application/atom+xml', 'atom.xml'],
      ['application/feed+json', 'feed.json'],
    ] as const) {
      assert.match(
        html,
        new RegExp(
          `<link rel="alternate" type="${type.replace('+', '\\+')}" title="[^"]+: ${tamil} \\([^)]+\\)" href="${worker.origin}${tamilPath('NFC')}/${file}"/>`,
        ),
      )
    }
  })

  it('are linked, with their feeds, from every article tagged with them', async () => {
    const html = await (await worker.fetch('/articles/article-6')).text()
    assert.match(html, new RegExp(`<a href="${tamilPath('NFC')}" rel="tag">${tamil}</a>`))
    assert.match(html, new RegExp(`href="${worker.origin}${tamilPath('NFC')}/atom.xml"`))
    assert.match(html, new RegExp(`<a href="/tags/${encodeURIComponent(everyTag)}" rel="tag">`))
  })

  it('have valid feeds in every format carrying the tag as category, term and tags', async () => {
    const rss = await (
      await worker.fetch(`${tamilPath('NFD')}/feed.xml`, { redirect: 'follow' })
    ).text()
    assertWellFormedXml(rss)
    const rssFeed = parseRssFeed(rss)
    assert.equal(rssFeed.title, `एज समाचार: ${tamil}`)
    assert.ok(rssFeed.items?.every((item) => item.categories?.some((c) => c.name === tamil)))
    const atom = await (await worker.fetch(`${tamilPath('NFC')}/atom.xml`)).text()
    assertWellFormedXml(atom)
    assert.ok(
      parseAtomFeed(atom).entries?.every((e) => e.categories?.some((c) => c.term === tamil)),
    )
    const json = await (await worker.fetch(`${tamilPath('NFC')}/feed.json`)).json()
    assertValidJsonFeed(json)
    assert.equal(json.items.length, 9, 'fewer than two pages: no archive yet')
    assert.ok(json.items.every((item: { tags: string[] }) => item.tags.includes(tamil)))
    assert.equal(json.next_url, undefined)
  })

  it('have archives of their own when they are long enough', async () => {
    const folder = `/tags/${encodeURIComponent(everyTag)}/`
    for (const [file, walk] of [
      ['feed.xml', walkRss],
      ['atom.xml', walkAtom],
    ] as const) {
      const chain = await walk(`${worker.origin}${folder}${file}`)
      assert.deepEqual(chain.flatMap((d) => d.slugs).sort(), expected(range(1, articleCount)))
      assertArchiveLinks(chain, folder, file, 4)
    }
    const json = await walkJson(`${worker.origin}${folder}feed.json`)
    assert.equal(json.flatMap((d) => d.slugs).length, articleCount)
  })

  it('answer an address spelling the tag in NFD with 301 to its one NFC address', async () => {
    for (const suffix of ['', '/feed.xml', '/archive/1/atom.xml']) {
      const response = await worker.fetch(`${tamilPath('NFD')}${suffix}`, { redirect: 'manual' })
      assert.equal(response.status, 301, suffix)
      assert.equal(response.headers.get('location'), `${tamilPath('NFC')}${suffix}`)
    }
    const paged = await worker.fetch(`${tamilPath('NFD')}?page=2`, { redirect: 'manual' })
    assert.equal(paged.headers.get('location'), `${tamilPath('NFC')}?page=2`)
  })

  it('answer 404 for a tag no article carries', async () => {
    assert.equal((await worker.fetch('/tags/nothing')).status, 404)
    assert.equal((await worker.fetch('/tags/nothing/feed.xml')).status, 404)
  })
})
