import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { newClient, postJson, validComment } from '../support/comments'
import { moderationWords } from '../support/moderation-page'
import { seed } from '../support/seed'
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

/** Failed sign-ins allowed per client before 429; low so the test reaches the limit quickly. */
const allowedFailures = 3

async function pendingComment(worker: TestWorker, content: string): Promise<string> {
  const response = await postJson(worker, validComment({ content }), newClient())
  assert.equal(response.status, 201)
  return ((await response.json()) as { id: string }).id
}

/** A browser as one client address (the brute-force limit counts per address). */
async function moderatorContext(
  browser: Browser,
  viewport: ViewportName,
  client: string,
  javaScript = false,
): Promise<BrowserContext> {
  const context = await readerContext(browser, viewport, { javaScript })
  await context.setExtraHTTPHeaders({ 'cf-connecting-ip': client })
  return context
}

/** Clicks a submit button and waits for the page the browser lands on; returns the POST's status. */
async function press(page: Page, selector: string): Promise<number> {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST')
  const landed = page.waitForNavigation({ waitUntil: 'load' })
  await page.locator(selector).click()
  const [response] = await Promise.all([posted, landed])
  return response.status()
}

async function signIn(page: Page, origin: string, token: string): Promise<number> {
  await page.goto(`${origin}/admin`)
  await page.locator('#admin-token').fill(token)
  return press(page, 'form.sign-in button[type="submit"]')
}

/** The page's words in the language it declares. */
async function words(page: Page) {
  return moderationWords(await page.content())
}

async function notice(page: Page): Promise<string> {
  return ((await page.locator('#moderation-notice').textContent()) ?? '').trim()
}

async function moderatorsDay(browser: Browser, viewport: ViewportName): Promise<void> {
  const worker = await startWorker({ rateLimit: 100, adminAuthLimit: allowedFailures })
  const shoot = screenshotFolder(`moderator-${viewport}`)
  const guesser = await moderatorContext(browser, viewport, '203.0.113.50')
  const context = await moderatorContext(browser, viewport, '203.0.113.51')
  try {
    const first = await pendingComment(worker, 'पहली टिप्पणी: अनुमोदन के लिए')
    const second = await pendingComment(worker, 'दूसरी टिप्पणी: स्पैम')
    const third = await pendingComment(worker, 'तीसरी टिप्पणी: स्पैम')

    // A wrong token is refused, and after a few tries the client must wait.
    const guessing = await guesser.newPage()
    for (let i = 0; i < allowedFailures; i++) {
      assert.equal(await signIn(guessing, worker.origin, `wrong-${i}`), 401)
      const message = (await guessing.locator('#sign-in-message').textContent()) ?? ''
      assert.equal(message.trim(), (await words(guessing)).wrongToken)
    }
    await shoot(guessing, 'wrong-token')
    // The limiter counts in fixed one-minute windows; if one ends mid-test, the count
    // starts again, so the 429 comes within one more window's worth of failures.
    let status = await signIn(guessing, worker.origin, 'wrong-again')
    for (let extra = 0; status === 401 && extra < allowedFailures; extra++) {
      status = await signIn(guessing, worker.origin, 'wrong-again')
    }
    assert.equal(status, 429)
    assert.equal(
      ((await guessing.locator('#sign-in-message').textContent()) ?? '').trim(),
      (await words(guessing)).tooManySignIns(60),
    )
    // Now every token from that address is refused, the right one too, so a 429 tells
    // a guesser nothing (a browser that signed in from there before keeps its device
    // cookie and gets in; test/worker/moderation-page-signs-in-and-moderates.test.ts).
    assert.equal(await signIn(guessing, worker.origin, adminToken), 429)

    // The right token signs in and shows the pending comments.
    const page = await context.newPage()
    assert.equal(await signIn(page, worker.origin, adminToken), 303)
    assert.equal(new URL(page.url()).pathname, '/admin')
    for (const id of [first, second, third]) {
      assert.equal(await page.locator(`#comment-${id}`).count(), 1, id)
    }
    assert.equal(await sidewaysOverflow(page), 0, 'the list scrolls sideways')
    await shoot(page, 'pending')

    // Approve one: the list comes back at once without it and says what happened.
    assert.equal(await press(page, `#comment-${first} button.approve`), 303)
    const t = await words(page)
    assert.equal(await notice(page), `${t.done.approve(1)}: ${t.comments(1)}${t.fullStop}`)
    assert.equal(await page.locator(`#comment-${first}`).count(), 0)
    await shoot(page, 'approved-one')

    // Spam two at once: tick both, one button.
    await page.locator(`#select-${second}`).check()
    await page.locator(`#select-${third}`).check()
    assert.equal(await press(page, 'fieldset.bulk button.spam'), 303)
    assert.equal(await notice(page), `${t.done.spam(2)}: ${t.comments(2)}${t.fullStop}`)
    await page.locator('#filter-status').selectOption('spam')
    await Promise.all([page.waitForNavigation(), page.locator('form.filter button').click()])
    for (const id of [second, third]) {
      assert.equal(await page.locator(`#comment-${id}`).count(), 1, `${id} is listed as spam`)
    }
    await shoot(page, 'spam-list')

    // Another site's page posting to /admin is refused, even with the page's own CSRF token.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue()
    const attacker = await context.newPage()
    await attacker.route('https://evil.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><form method="post" action="${worker.origin}/admin">
          <input type="hidden" name="csrf" value="${csrf}">
          <input type="hidden" name="act" value="approve:${second}">
          <button id="go">Win a prize</button></form>`,
      }),
    )
    await attacker.goto('https://evil.example/prize')
    assert.equal(await press(attacker, '#go'), 403)
    await attacker.close()

    // The approved comment is on the article.
    const article = await context.newPage()
    await article.goto(`${worker.origin}/articles/${seed.slug}`)
    assert.equal(await article.locator(`li#comment-${first}`).count(), 1)
    for (const id of [second, third]) {
      assert.equal(await article.locator(`li#comment-${id}`).count(), 0, `${id} stays hidden`)
    }
    await article.close()

    // Sign out: the session ends, the form is back.
    assert.equal(await press(page, 'form.sign-out button'), 303)
    assert.equal(((await page.locator('#sign-in-message').textContent()) ?? '').trim(), t.signedOut)
    await page.goto(`${worker.origin}/admin`)
    assert.equal(await page.locator('#admin-token').count(), 1)
    assert.equal(await page.locator('.moderation').count(), 0)
    await shoot(page, 'signed-out')
  } finally {
    await guesser.close()
    await context.close()
    await worker.stop()
  }
}

describe('a moderator without JavaScript', () => {
  let browser: Browser
  before(async () => {
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
  })

  for (const viewport of Object.keys(viewports) as ViewportName[]) {
    const { width, height } = viewports[viewport]
    test(`at ${width}×${height} is refused a wrong token, signs in, approves one, spams two at once, is safe from another site, and signs out`, {
      timeout: browserTestTimeout,
    }, async () => {
      await moderatorsDay(browser, viewport)
    })
  }

  test('the sign-in form, the list and a refused sign-in have no serious axe violations at either size', {
    timeout: browserTestTimeout,
  }, async () => {
    const worker = await startWorker({ rateLimit: 100 })
    try {
      const id = await pendingComment(worker, 'जाँच के लिए एक टिप्पणी\nदूसरी पंक्ति')
      const approved = await postJson(worker, validComment(), newClient())
      const parent = ((await approved.json()) as { id: string }).id
      await worker.fetch(`/admin/comments/${parent}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      })
      await postJson(worker, validComment({ parent }), newClient())
      for (const viewport of Object.keys(viewports) as ViewportName[]) {
        // axe needs JavaScript; the pages ship none, so the DOM is the same without it.
        const context = await moderatorContext(browser, viewport, newClient(), true)
        try {
          const page = await context.newPage()
          const check = async (where: string) => {
            assert.equal(await page.locator('script').count(), 0, `${where} has no scripts`)
            assert.deepEqual(blocking(await axeViolations(page)), [], `${where} at ${viewport}`)
          }
          await page.goto(`${worker.origin}/admin`)
          await check('the sign-in form')
          assert.equal(await signIn(page, worker.origin, 'wrong'), 401)
          await check('a refused sign-in')
          assert.equal(await signIn(page, worker.origin, adminToken), 303)
          assert.equal(await page.locator(`#comment-${id}`).count(), 1)
          await check('the pending list')
        } finally {
          await context.close()
        }
      }
    } finally {
      await worker.stop()
    }
  })
})
