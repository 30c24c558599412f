import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { messagesFor } from '../../src/pages/i18n'
import { startWorker } from '../harness/worker'
import { seed } from '../support/seed'
import {
  browserTestTimeout,
  launchChromium,
  readerContext,
  screenshotFolder,
  sidewaysOverflow,
  type ViewportName,
} from './support/browser'
import {
  approve,
  formValues,
  heldId,
  submitComment,
  type TypedComment,
  typeComment,
} from './support/comment-form'

const t = messagesFor('hi')

const comment: TypedComment = {
  content: 'लेख के लिए धन्यवाद।\nकलाकारों की बात सुनी जानी चाहिए।',
  author: 'सुनीता शर्मा',
  email: 'sunita@',
  url: 'https://example.in/sunita',
}
const fixedEmail = 'sunita@example.in'
const reply: TypedComment = {
  content: 'मैं सहमत हूँ — यह एक महत्वपूर्ण मुद्दा है।',
  author: 'राहुल वर्मा',
  email: 'rahul@example.in',
  url: '',
}

/**
 * Opens the article as a reader coming back would. Article pages may be cached
 * for 30 s, so reload: the browser revalidates and sees the approval.
 */
async function revisitArticle(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/articles/${seed.slug}`)
  await page.reload()
}

async function assertInView(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox()
  const height = page.viewportSize()?.height ?? 0
  assert.ok(box && box.y >= 0 && box.y + box.height <= height, `${selector} is on screen`)
}

async function assertFitsSideways(page: Page, where: string): Promise<void> {
  assert.equal(await sidewaysOverflow(page), 0, `${where} scrolls sideways`)
}

/** A reader's whole visit, JavaScript off: read, comment, get approved, reply. */
async function readerVisit(browser: Browser, viewport: ViewportName): Promise<void> {
  const worker = await startWorker({ rateLimit: 100 })
  const context = await readerContext(browser, viewport)
  const page = await context.newPage()
  const shoot = screenshotFolder(`reader-${viewport}`)
  try {
    // Index → article.
    await page.goto(`${worker.origin}/`)
    assert.equal(await page.getAttribute('html', 'lang'), 'hi')
    await assertFitsSideways(page, 'the index')
    await shoot(page, 'index')
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: seed.title }).click(),
    ])
    assert.equal(new URL(page.url()).pathname, `/articles/${seed.slug}`)

    // The article: Hindi, readable, no sideways scrolling.
    assert.equal(await page.getAttribute('html', 'lang'), 'hi')
    assert.equal((await page.locator('h1').textContent())?.trim(), seed.title)
    assert.ok(
      ((await page.locator('article').first().textContent()) ?? '').includes(
        seed.headings[0] ?? '',
      ),
    )
    await assertFitsSideways(page, 'the article')
    await shoot(page, 'article')

    // A bad e-mail is refused; everything typed is kept; the error sits by its field.
    await typeComment(page, comment)
    const refused = await submitComment(page)
    assert.equal(refused.status(), 422)
    assert.deepEqual(await formValues(page), comment)
    const email = page.locator('#comment-email')
    assert.equal(await email.getAttribute('aria-invalid'), 'true')
    assert.equal(await email.getAttribute('aria-describedby'), 'comment-email-error')
    const emailError = page.locator('#comment-email-error')
    assert.equal(await emailError.textContent(), t.fieldErrors.invalid_email)
    assert.equal(
      await emailError.evaluate((error) => error.previousElementSibling?.id),
      'comment-email',
      'the message follows its field',
    )
    for (const valid of ['#comment-author', '#comment-url', '#comment-content']) {
      assert.equal(await page.locator(valid).getAttribute('aria-invalid'), null, valid)
    }
    assert.equal(
      await page.locator('#comment-form-summary').textContent(),
      t.refusals.invalid_fields,
    )
    // The page opens with the focus on the field in error, in view: no hunting for it.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'comment-email')
    await assertInView(page, '#comment-email-error')
    await assertFitsSideways(page, 'the refused form')
    await shoot(page, 'form-refused', page.locator('#comment-form'))

    // The fixed post is accepted and lands on the article with the moderation notice.
    await email.fill(fixedEmail)
    const accepted = await submitComment(page)
    assert.equal(accepted.status(), 303)
    const commentId = heldId(page)
    assert.equal(new URL(page.url()).pathname, `/articles/${seed.slug}`)
    assert.equal(new URL(page.url()).hash, `#comment-${commentId}`)
    assert.equal((await page.locator('.notice[role="status"]').textContent())?.trim(), t.held)
    // biome-ignore lint/performance/useDomNodeTextContent: Markdown line breaks are <br>, text only as rendered
    assert.equal(await page.locator(`#comment-${commentId} .text`).innerText(), comment.content)
    await shoot(page, 'comment-held', page.locator('.notice'))

    // Approved through the admin API, the comment shows to every reader.
    await approve(worker, commentId, `/articles/${seed.slug}`)
    await revisitArticle(page, worker.origin)
    const shown = page.locator(`li#comment-${commentId}`)
    // biome-ignore lint/performance/useDomNodeTextContent: Markdown line breaks are <br>, text only as rendered
    assert.equal(await shown.locator('.text').innerText(), comment.content)
    assert.ok((await shown.locator('strong').textContent())?.includes(comment.author))
    assert.ok(!(await page.content()).includes(fixedEmail), 'the e-mail address is never shown')
    await shoot(page, 'comment-approved', shown)

    // The reply link opens the form as a reply to that comment.
    await Promise.all([
      page.waitForNavigation(),
      shown.getByRole('link', { name: t.reply, exact: true }).click(),
    ])
    assert.equal(new URL(page.url()).searchParams.get('replyto'), commentId)
    assert.equal(await page.locator('#comment-form input[name="parent"]').inputValue(), commentId)
    assert.ok((await page.locator('#reply-title').textContent())?.includes(comment.author))
    await typeComment(page, reply)
    await shoot(page, 'reply-form', page.locator('#comment-form'))
    assert.equal((await submitComment(page)).status(), 303)
    const replyId = heldId(page)
    await shoot(page, 'reply-held', page.locator(`#comment-${replyId}`))

    // Approved, the reply is shown inside its parent's item, indented.
    await approve(worker, replyId, `/articles/${seed.slug}`)
    await revisitArticle(page, worker.origin)
    const nested = page.locator(`li#comment-${commentId} > ol > li#comment-${replyId}`)
    assert.equal(await nested.count(), 1, 'the reply is nested in its parent')
    // biome-ignore lint/performance/useDomNodeTextContent: Markdown line breaks are <br>, text only as rendered
    assert.equal(await nested.locator('.text').innerText(), reply.content)
    const parentBox = await page.locator(`li#comment-${commentId} > article`).boundingBox()
    const replyBox = await nested.locator('article').boundingBox()
    assert.ok(parentBox && replyBox)
    assert.ok(
      replyBox.x - parentBox.x >= 16,
      `the reply is indented (${replyBox.x - parentBox.x}px)`,
    )
    await assertFitsSideways(page, 'the threaded comments')
    await shoot(page, 'thread', page.locator(`li#comment-${commentId}`))
  } finally {
    await context.close()
    await worker.stop()
  }
}

describe('a reader without JavaScript', () => {
  let browser: Browser
  before(async () => {
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
  })

  test('on a phone (390×844) reads an article in Hindi, comments after fixing a refused e-mail, and replies in a thread', {
    timeout: browserTestTimeout,
  }, async () => {
    await readerVisit(browser, 'phone')
  })

  test('on a desktop (1366×768) reads an article in Hindi, comments after fixing a refused e-mail, and replies in a thread', {
    timeout: browserTestTimeout,
  }, async () => {
    await readerVisit(browser, 'desktop')
  })
})
