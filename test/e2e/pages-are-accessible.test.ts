import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startWorker, type TestWorker } from '../harness/worker'
import { approveAllPending } from '../support/comments'
import { seed } from '../support/seed'
import { axeViolations, blocking } from './support/axe'
import {
  browserTestTimeout,
  launchChromium,
  readerContext,
  type ViewportName,
  viewports,
} from './support/browser'
import { submitComment, typeComment } from './support/comment-form'

/** The pages a reader can reach, each opened the way a reader gets there. */
const pages: Record<string, (page: Page, origin: string) => Promise<unknown>> = {
  index: (page, origin) => page.goto(`${origin}/`),
  article: (page, origin) => page.goto(`${origin}/articles/${seed.slug}`),
  'article with form errors': async (page, origin) => {
    await page.goto(`${origin}/articles/${seed.slug}`)
    await typeComment(page, { content: ' ', author: '', email: 'not-an-address', url: 'ftp://x' })
    const response = await submitComment(page)
    assert.equal(response.status(), 422)
  },
  '404': async (page, origin) => {
    const response = await page.goto(`${origin}/no-such-page`)
    assert.equal(response?.status(), 404)
  },
}

/** Where the outline of the focused element is drawn, or null when there is none. */
function focusOutline(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const focused = document.activeElement
    if (!focused || focused === document.body) return null
    const style = getComputedStyle(focused)
    const width = Number.parseFloat(style.outlineWidth)
    return style.outlineStyle !== 'none' && width >= 2 ? `${focused.tagName} ${width}px` : null
  })
}

describe('pages are accessible', () => {
  let browser: Browser
  let worker: TestWorker
  before(async () => {
    browser = await launchChromium()
    worker = await startWorker({ rateLimit: 100 })
  })
  after(async () => {
    await browser?.close()
    await worker?.stop()
  })

  for (const viewport of Object.keys(viewports) as ViewportName[]) {
    for (const [name, open] of Object.entries(pages)) {
      test(`${name} at ${viewport} size has no serious or critical axe violations`, {
        timeout: browserTestTimeout,
      }, async () => {
        // axe needs JavaScript; the pages ship none, so the DOM is the one a reader without it gets.
        const context = await readerContext(browser, viewport, { javaScript: true })
        try {
          const page = await context.newPage()
          await open(page, worker.origin)
          // The article's JSON-LD is a data block, never run.
          const scripts = page.locator('script:not([type="application/ld+json"])')
          assert.equal(await scripts.count(), 0, 'pages work without scripts')
          const violations = await axeViolations(page)
          assert.deepEqual(blocking(violations), [])
          const rest = violations.map((v) => `${v.impact} ${v.rule}: ${v.targets.join(', ')}`)
          if (rest.length > 0) console.log(`minor axe findings on ${name}:\n  ${rest.join('\n  ')}`)
        } finally {
          await context.close()
        }
      })
    }
  }

  test('the first Tab stop is a visible skip link to the main content', {
    timeout: browserTestTimeout,
  }, async () => {
    const context = await readerContext(browser, 'phone')
    try {
      const page = await context.newPage()
      await page.goto(`${worker.origin}/articles/${seed.slug}`)
      await page.keyboard.press('Tab')
      const skip = page.locator('a.skip')
      assert.equal(await skip.evaluate((link) => link === document.activeElement), true)
      assert.equal(await skip.getAttribute('href'), '#main')
      const box = await skip.boundingBox()
      assert.ok(
        box && box.x >= 0 && box.y >= 0 && box.width > 0,
        'the focused skip link is on screen',
      )
      assert.ok(await focusOutline(page), 'the focused skip link has an outline')
      await page.keyboard.press('Enter')
      assert.equal(new URL(page.url()).hash, '#main')
    } finally {
      await context.close()
    }
  })

  test('a refused post opens focused on the problem: the first field in error, else the message', {
    timeout: browserTestTimeout,
  }, async () => {
    const context = await readerContext(browser, 'phone')
    const focused = (page: Page) =>
      page.evaluate(() => {
        const element = document.activeElement
        const box = element?.getBoundingClientRect()
        const onScreen = box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight
        return `${element?.id} ${onScreen ? 'on screen' : 'off screen'}`
      })
    try {
      const page = await context.newPage()
      const article = `${worker.origin}/articles/${seed.slug}`
      const comment = { content: 'पहली बार', author: 'अनु', email: 'anu@', url: '' }
      await page.goto(article)
      await typeComment(page, comment)
      assert.equal((await submitComment(page)).status(), 422)
      assert.equal(await focused(page), 'comment-email on screen')

      // The same comment again once it is public: no field is at fault, so the message
      // above the form is focused. (A repeat of a pending comment is answered like an
      // accepted post, so it is approved first.)
      const valid = { ...comment, email: 'anu@example.in' }
      await page.goto(article)
      await typeComment(page, valid)
      assert.equal((await submitComment(page)).status(), 303)
      await approveAllPending(worker)
      await page.goto(article)
      await typeComment(page, valid)
      assert.equal((await submitComment(page)).status(), 409)
      assert.equal(await focused(page), 'comment-form-summary on screen')
    } finally {
      await context.close()
    }
  })

  test('every control of the comment form shows where the keyboard focus is', {
    timeout: browserTestTimeout,
  }, async () => {
    const context = await readerContext(browser, 'phone')
    try {
      const page = await context.newPage()
      await page.goto(`${worker.origin}/articles/${seed.slug}`)
      await page.locator('#comment-content').focus()
      const seen: string[] = []
      for (let i = 0; i < 5; i++) {
        const outline = await focusOutline(page)
        assert.ok(outline, `no visible focus after ${seen.join(', ') || 'the comment field'}`)
        seen.push(outline)
        await page.keyboard.press('Tab')
      }
      // Comment, name, e-mail, website, submit: the honeypot is never a Tab stop.
      assert.deepEqual(
        seen.map((s) => s.split(' ')[0]),
        ['TEXTAREA', 'INPUT', 'INPUT', 'INPUT', 'BUTTON'],
      )
    } finally {
      await context.close()
    }
  })
})
