import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { messagesFor } from '../../src/pages/i18n'
import { startWorker, type TestWorker } from '../harness/worker'
import { seed } from '../support/seed'
import {
  browserTestTimeout,
  launchChromium,
  readerContext,
  screenshotFolder,
} from './support/browser'

const t = messagesFor('hi')
/** [format name, path, media type] */
type Feed = [string, string, string]
const siteFeeds: Feed[] = [
  ['RSS', '/feed.xml', 'application/rss+xml'],
  ['Atom', '/atom.xml', 'application/atom+xml'],
  ['JSON Feed', '/feed.json', 'application/feed+json'],
]
const commentFeeds: Feed[] = siteFeeds.map(([name, path, type]) => [
  name,
  `/articles/${seed.slug}/comments${path}`,
  type,
])
const siteCommentFeeds: Feed[] = siteFeeds.map(([name, path, type]) => [
  name,
  `/comments${path}`,
  type,
])

/** Each feed in a list of the Subscribe block: [format name, visible address, link type, href]. */
function listedFeeds(page: Page, list: number): Promise<string[][]> {
  return page
    .locator('section.subscribe ul')
    .nth(list)
    .locator('li')
    .evaluateAll((items) =>
      items.map((item) => {
        const link = item.querySelector('a')
        return [
          link?.textContent ?? '',
          item.querySelector('code')?.textContent ?? '',
          link?.getAttribute('type') ?? '',
          link?.href ?? '',
        ]
      }),
    )
}

describe('the Subscribe block', () => {
  let browser: Browser
  let context: BrowserContext
  let worker: TestWorker
  before(async () => {
    browser = await launchChromium()
    context = await readerContext(browser, 'phone')
    worker = await startWorker()
  })
  after(async () => {
    await context?.close()
    await browser?.close()
    await worker?.stop()
  })

  const expected = (feeds: Feed[], origin: string) =>
    feeds.map(([name, path, type]) => [name, origin + path, type, origin + path])

  test("on an article lists the site's three feeds and the article's three comment feeds", {
    timeout: browserTestTimeout,
  }, async () => {
    const page = await context.newPage()
    await page.goto(`${worker.origin}/articles/${seed.slug}`)
    const block = page.locator('section.subscribe')
    assert.equal(await block.locator('h2').textContent(), t.subscribe)
    assert.deepEqual(await block.locator('h3').allTextContents(), [t.articleFeeds, t.commentFeeds])
    assert.deepEqual(await listedFeeds(page, 0), expected(siteFeeds, worker.origin))
    assert.deepEqual(await listedFeeds(page, 1), expected(commentFeeds, worker.origin))
    // The same six feeds are advertised for autodiscovery.
    const discovered = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href))
    assert.deepEqual(
      discovered,
      [...siteFeeds, ...commentFeeds].map(([, path]) => worker.origin + path),
    )
    await screenshotFolder('subscribe')(page, 'article-subscribe-block', block)
  })

  test('on the index lists the three site feeds and the three feeds of comments on every article', {
    timeout: browserTestTimeout,
  }, async () => {
    const page = await context.newPage()
    await page.goto(`${worker.origin}/`)
    assert.equal(await page.locator('section.subscribe ul').count(), 2)
    assert.deepEqual(await listedFeeds(page, 0), expected(siteFeeds, worker.origin))
    assert.equal(
      await page.locator('section.subscribe h3').nth(1).textContent(),
      t.siteCommentFeeds,
    )
    assert.deepEqual(await listedFeeds(page, 1), expected(siteCommentFeeds, worker.origin))
  })

  test('links only to feeds that answer with their media type', {
    timeout: browserTestTimeout,
  }, async () => {
    for (const [, path, type] of [...siteFeeds, ...commentFeeds, ...siteCommentFeeds]) {
      const response = await worker.fetch(path)
      assert.equal(response.status, 200, path)
      assert.equal(response.headers.get('content-type'), `${type}; charset=utf-8`, path)
      await response.arrayBuffer()
    }
  })

  test('sits beside a favicon, robots.txt and a sitemap of the articles', {
    timeout: browserTestTimeout,
  }, async () => {
    const page = await context.newPage()
    await page.goto(`${worker.origin}/`)
    const icon = await page.locator('head link[rel="icon"]').getAttribute('href')
    const favicon = await worker.fetch(icon ?? '')
    assert.equal(favicon.status, 200)
    assert.equal(favicon.headers.get('content-type'), 'image/svg+xml')
    await favicon.arrayBuffer()
    const robots = await (await worker.fetch('/robots.txt')).text()
    assert.match(robots, /^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m)
    const sitemap = await (await worker.fetch('/sitemap.xml')).text()
    assert.match(sitemap, new RegExp(`<loc>[^<]+/articles/${seed.slug}</loc>`))
  })
})
