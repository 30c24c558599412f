import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { feedUrls } from '../../src/feeds/formats'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { postApproved, validComment } from '../support/comments'
import { contentFolder } from '../support/content-folder'
import { pngHeader } from '../support/images'
import { assertStrictlyValidFeed } from '../support/strict-feed-validators'

// 12 articles in feeds of 3: the subscription feed holds 10–12, archive pages 1–3 the rest.
const articleCount = 12
const feedSize = 3
const everyTag = 'सभी'
// Written decomposed in some files and composed in others: one tag all the same.
const tamil = 'तमिऴ'
const commented = 'article-6'
let worker: TestWorker
let comment: string

// What a commenter may type that validators warn of in titles and bodies: entity-like
// text, end tags, CDATA ends, noncharacters (names may not hold `<` or `>`).
const hostile = {
  author: "AT&T &amp; Co &#38; 'Eve' ]]]",
  content: '<script>alert(1)</script> &copy; ]]> \uFFFE\uFFFF\uFDD0 <b>x</b>',
}

/**
 * Every third article has a lead image (an enclosure) and links to the one before it by
 * path, as authors write links inside the site.
 */
function bodyOf(n: number): string {
  const text = `पाठ ${n}, [स्रोत](https://example.org/${n}).`
  if (n % 3 !== 0) return text
  return `![नक्शा ${n}](/media/map.png)\n\n${text} [पिछला लेख](/articles/article-${n - 1})`
}

/** article-1 is the oldest; every article is tagged सभी, every other one तमिऴ too. */
function taggedArticles(): string {
  const articles = Array.from({ length: articleCount }, (_, i) => {
    const n = i + 1
    const tags = [everyTag]
    if (n % 2 === 0) tags.push(n % 4 === 0 ? tamil.normalize('NFD') : tamil.normalize('NFC'))
    return {
      slug: `article-${n}`,
      title: `लेख ${n} & <साथी>`,
      summary: `सारांश ${n}`,
      published: new Date(Date.UTC(2025, 0, n, 4, 30)).toISOString(),
      tags,
      authorUrl: 'https://example.org/lekhak',
      body: bodyOf(n),
    }
  })
  return contentFolder(articles, {
    settings: { feed_size: feedSize },
    media: { 'map.png': pngHeader(800, 600) },
  })
}

before(async () => {
  worker = await startWorker({
    scriptPath: buildFixtureBundle(taggedArticles()),
    rateLimit: 1000,
  })
  const path = `/articles/${commented}/comments`
  comment = await postApproved(
    worker,
    validComment({ author: hostile.author, content: `पहली *टिप्पणी*\n${hostile.content}` }),
    path,
  )
  await postApproved(
    worker,
    validComment({
      author: 'Replier & Sons &amp;copy "x"',
      content: 'एक [उत्तर](https://example.org) </b>&amp; ]]> \u{10FFFF}',
      parent: comment,
    }),
    path,
  )
})
after(() => worker.stop())

/** Fetches a feed, checks it is served, and runs the strictest validator of its format over it. */
async function validate(url: string): Promise<string> {
  const response = await fetch(url)
  assert.equal(response.status, 200, url)
  const body = await response.text()
  await assertStrictlyValidFeed(body, url)
  return body
}

/** The older document a feed links to: prev-archive in XML, next_url in JSON Feed. */
function olderOf(body: string, url: string): string | undefined {
  if (url.endsWith('.json')) return (JSON.parse(body) as { next_url?: string }).next_url
  return /<(?:atom:)?link rel="prev-archive" type="[^"]+" href="([^"]+)"\/>/.exec(body)?.[1]
}

/** Validates a subscription feed and every archive document behind it; returns them in order. */
async function validateChain(start: string): Promise<Array<{ url: string; body: string }>> {
  const visited: Array<{ url: string; body: string }> = []
  let url: string | undefined = start
  while (url) {
    const current: string = url
    assert.ok(!visited.some((doc) => doc.url === current), `the archive chain loops at ${url}`)
    const body = await validate(url)
    visited.push({ url, body })
    url = olderOf(body, url)
  }
  return visited
}

const formats = Object.entries(feedUrls('')) as Array<[string, string]>

describe('the strictest validators we can run', () => {
  for (const [format, file] of formats) {
    it(`pass the site's ${format} feed and each of its archive documents`, async () => {
      const chain = await validateChain(`${worker.origin}/${file}`)
      assert.ok(
        chain.every((doc) => doc.body.includes(`${worker.origin}/media/map.png`)),
        'every document has an article with a lead image, so enclosures were checked too',
      )
      assert.deepEqual(
        chain.slice(1).map((doc) => doc.url),
        [
          `${worker.origin}/archive/3/${file}`,
          `${worker.origin}/archive/2/${file}`,
          `${worker.origin}/archive/1/${file}`,
        ],
      )
    })

    it(`pass a tag's ${format} feed and each of its archive documents`, async () => {
      const folder = `${worker.origin}/tags/${encodeURIComponent(everyTag)}/`
      const chain = await validateChain(`${folder}${file}`)
      assert.equal(chain.length, 4, 'the tag has three archive pages')
    })

    it(`pass the ${format} feed of a tag spelt in both normal forms`, async () => {
      const chain = await validateChain(
        `${worker.origin}/tags/${encodeURIComponent(tamil.normalize('NFC'))}/${file}`,
      )
      assert.equal(
        chain.length,
        1,
        'six articles in feeds of three: no lone archive page, which would link neither way',
      )
    })

    it(`pass an article's ${format} comment feed and a comment's reply feed`, async () => {
      const comments = `${worker.origin}/articles/${commented}/comments/`
      assert.match(await validate(`${comments}${file}`), /टिप्पणी/)
      assert.match(await validate(`${comments}${comment}/${file}`), /उत्तर/)
    })
  }
})
