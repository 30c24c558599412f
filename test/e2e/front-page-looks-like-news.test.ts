import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { messagesFor } from '../../src/pages/i18n'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { leadImageSize, newsSections, newsSite, newsStories } from '../support/news-site'
import { axeViolations, blocking } from './support/axe'
import {
  browserTestTimeout,
  launchChromium,
  readerContext,
  screenshotFolder,
  sidewaysOverflow,
  type ViewportName,
  viewports,
} from './support/browser'

const t = messagesFor('hi')
/** Cards side by side on each screen: one on a phone, three at 1366 px. */
const columns: Record<ViewportName, number> = { phone: 1, desktop: 3 }

/** The families of the fonts Chromium drew an element's text with (DevTools' "Rendered Fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument')
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts.filter((font) => font.glyphCount > 0).map((font) => font.familyName)
  } finally {
    await cdp.detach()
  }
}

/**
 * Scrolls through the page until every picture has loaded (cards below the
 * first screen load lazily) and back to its top, so a whole-page screenshot
 * shows them; fails on a picture that does not load.
 */
async function loadEveryPicture(page: Page): Promise<void> {
  const pictures = page.locator('img')
  for (const picture of await pictures.all()) {
    await picture.scrollIntoViewIfNeeded()
    for (let tries = 0; ; tries++) {
      const loaded = await picture.evaluate((img: HTMLImageElement) => img.naturalWidth > 0)
      if (loaded) break
      assert.ok(tries < 50, `${await picture.getAttribute('src')} did not load`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  await page.locator('header.site').scrollIntoViewIfNeeded()
}

/** The masthead's box: it must start at the top of the first screen and show the site's name. */
async function assertMastheadOnTop(page: Page): Promise<void> {
  const name = page.locator('header.site .name a')
  assert.equal(await name.textContent(), 'एज समाचार')
  const box = await name.boundingBox()
  assert.ok(box && box.y >= 0 && box.y < 80 && box.height > 30, `masthead name at ${box?.y}`)
  const sections = page.locator('nav.sections a')
  assert.deepEqual(await sections.allTextContents(), newsSections)
  for (const link of await sections.all()) assert.ok(await link.isVisible())
}

describe('the front page looks like news, without JavaScript', () => {
  let browser: Browser
  let worker: TestWorker
  const shoot = screenshotFolder('front-page')
  before(async () => {
    browser = await launchChromium()
    worker = await startWorker({ scriptPath: buildFixtureBundle(newsSite()) })
  })
  after(async () => {
    await browser?.close()
    await worker?.stop()
  })

  test('home, section and article pages of the news site have no serious or critical axe violations', {
    timeout: browserTestTimeout,
  }, async () => {
    for (const viewport of Object.keys(viewports) as ViewportName[]) {
      // axe needs JavaScript; the pages ship none, so the DOM is the one a reader without it gets.
      const context = await readerContext(browser, viewport, { javaScript: true })
      try {
        const page = await context.newPage()
        for (const path of [
          '/',
          `/tags/${encodeURIComponent('खेल')}`,
          `/articles/${newsStories[0]?.slug}`,
        ]) {
          await page.goto(`${worker.origin}${path}`)
          assert.deepEqual(blocking(await axeViolations(page)), [], `${path} at ${viewport}`)
        }
      } finally {
        await context.close()
      }
    }
  })

  test("a card's headline is one Tab stop, outlined when focused, before its byline", {
    timeout: browserTestTimeout,
  }, async () => {
    const context = await readerContext(browser, 'desktop')
    try {
      const page = await context.newPage()
      await page.goto(`${worker.origin}/`)
      const headline = page.locator('li.card:not(.lead) h2 a').first()
      await headline.focus()
      const outline = await headline.evaluate((link) => {
        const style = getComputedStyle(link)
        return `${style.outlineStyle} ${Number.parseFloat(style.outlineWidth)}`
      })
      assert.equal(outline, 'solid 3')
      await shoot(page, 'desktop-card-focused', headline)
      await page.keyboard.press('Tab')
      const next = await page.evaluate(() => document.activeElement?.getAttribute('rel'))
      assert.equal(next, 'author', 'the byline follows the headline, the picture is no stop')
    } finally {
      await context.close()
    }
  })

  for (const viewport of Object.keys(viewports) as ViewportName[]) {
    test(`at ${viewports[viewport].width} px the home page has a masthead, section menu and cards in ${columns[viewport]} column(s), the newest larger`, {
      timeout: browserTestTimeout,
    }, async () => {
      const context = await readerContext(browser, viewport)
      try {
        const page = await context.newPage()
        await page.goto(`${worker.origin}/`, { waitUntil: 'load' })
        await assertMastheadOnTop(page)
        await loadEveryPicture(page)
        await shoot(page, `${viewport}-home`)
        assert.equal(await sidewaysOverflow(page), 0, 'nothing scrolls sideways')

        const cards = page.locator('ol.cards > li.card')
        assert.equal(await cards.count(), newsStories.length)
        const boxes = await cards.evaluateAll((items) =>
          items.map((item) => {
            const box = item.getBoundingClientRect()
            return { x: Math.round(box.x), width: box.width }
          }),
        )
        const [lead, ...rest] = boxes
        const lefts = new Set(rest.map((box) => box.x))
        assert.equal(lefts.size, columns[viewport], `card columns start at ${[...lefts]}`)
        const listWidth = (await page.locator('ol.cards').boundingBox())?.width ?? 0
        assert.ok(lead && Math.abs(lead.width - listWidth) < 1, 'the lead story spans the row')

        const headlineSize = (selector: string) =>
          page
            .locator(selector)
            .first()
            .evaluate((h) => Number.parseFloat(getComputedStyle(h).fontSize))
        assert.ok(
          (await headlineSize('li.lead h2')) > (await headlineSize('li.card:not(.lead) h2')),
          'the lead headline is larger',
        )
        const leadStory = newsStories[0]
        assert.equal(await page.locator('li.lead h2').textContent(), leadStory?.title)
        assert.match((await page.locator('li.lead .meta').textContent()) ?? '', /लेखक लेखक$/)
        assert.equal(
          await page.locator('li.lead time').getAttribute('datetime'),
          leadStory?.published,
        )

        // The lead image is loaded at once, at its one size (no srcset), drawn 3:2 in its card.
        const image = await page.locator('li.lead img.pic').evaluate((img: HTMLImageElement) => ({
          complete: img.complete,
          natural: [img.naturalWidth, img.naturalHeight],
          attributes: [img.getAttribute('width'), img.getAttribute('height')],
          srcset: img.getAttribute('srcset'),
          alt: img.alt,
          shown: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
        }))
        assert.equal(image.complete, true)
        assert.deepEqual(image.natural, [leadImageSize.width, leadImageSize.height])
        assert.deepEqual(image.attributes, [
          String(leadImageSize.width),
          String(leadImageSize.height),
        ])
        assert.equal(image.srcset, null)
        assert.equal(image.alt, `${leadStory?.title} का चित्र`)
        const [shownWidth = 0, shownHeight = 0] = image.shown
        assert.ok(shownWidth > 300, `lead image ${shownWidth} px wide`)
        assert.ok(Math.abs(shownWidth / shownHeight - 1.5) < 0.02, 'drawn at 3:2')

        // Devanagari is drawn with a Devanagari font, not as boxes of a Latin one.
        const fonts = await renderedFonts(page, 'li.lead h2 a')
        assert.ok(
          fonts.some((family) => /devanagari/i.test(family)),
          `headline drawn with ${fonts}`,
        )
      } finally {
        await context.close()
      }
    })

    test(`at ${viewports[viewport].width} px an article ends with more stories of its section`, {
      timeout: browserTestTimeout,
    }, async () => {
      const context = await readerContext(browser, viewport)
      try {
        const page = await context.newPage()
        const story = newsStories[0]
        await page.goto(`${worker.origin}/articles/${story?.slug}`, { waitUntil: 'load' })
        const more = page.locator('section.more')
        await assertMastheadOnTop(page)
        await loadEveryPicture(page)
        await shoot(page, `${viewport}-article`)
        await shoot(page, `${viewport}-article-more`, more)
        assert.equal(await sidewaysOverflow(page), 0, 'nothing scrolls sideways')
        assert.equal(await more.locator('h2').textContent(), t.moreInSection)
        // Its first tag is a section: the newest other stories of राजनीति, newest first.
        const expected = newsStories
          .filter((other) => other !== story && other.tags.includes('राजनीति'))
          .map((other) => other.title)
        assert.deepEqual(await more.locator('li.card h3').allTextContents(), expected)
        const cards = more.locator('li.card')
        const lefts = new Set(
          await cards.evaluateAll((items) =>
            items.map((item) => Math.round(item.getBoundingClientRect().x)),
          ),
        )
        assert.equal(lefts.size, viewport === 'phone' ? 1 : expected.length)
        assert.equal(
          await more.locator('a', { hasText: t.allInSection('राजनीति') }).getAttribute('href'),
          `/tags/${encodeURIComponent('राजनीति')}`,
        )
      } finally {
        await context.close()
      }
    })
  }
})
