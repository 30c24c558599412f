import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { messagesFor } from '../../src/pages/i18n'
import { startWorker, type TestWorker } from '../harness/worker'
import { seed } from '../support/seed'
import {
  browserTestTimeout,
  launchChromium,
  readerContext,
  screenshotFolder,
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

const draft: TypedComment = {
  content: 'पहला *मसौदा* — `code` और [स्रोत](https://example.in/)',
  author: 'मीरा',
  email: 'meera@example.in',
  url: '',
}
const corrected = 'सुधरा हुआ **पाठ**'

/** Clicks a button or link that leads to another page and waits for it to load. */
async function follow(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click()])
}

async function visit(browser: Browser, worker: TestWorker): Promise<void> {
  const context = await readerContext(browser, 'desktop')
  const page = await context.newPage()
  const shoot = screenshotFolder('commenter-desktop')
  try {
    await page.goto(`${worker.origin}/articles/${seed.slug}`)

    // Preview: the text as it will look, the form still filled in, nothing sent.
    await typeComment(page, draft)
    await follow(page, () => page.getByRole('button', { name: t.preview }).click())
    assert.equal(new URL(page.url()).pathname, `/articles/${seed.slug}/comments/preview`)
    const preview = page.locator('#comment-preview')
    assert.equal(await preview.locator('em').textContent(), 'मसौदा')
    assert.equal(await preview.locator('code').textContent(), 'code')
    assert.equal(await preview.locator('a').getAttribute('rel'), 'nofollow ugc noopener')
    assert.deepEqual(await formValues(page), draft)
    assert.deepEqual(await worker.kvKeys('v1:comment:'), [], 'a preview stores nothing')
    await shoot(page, 'preview', preview)

    // Send: held for moderation, with edit and delete beside it for its author.
    assert.equal((await submitComment(page)).status(), 303)
    const id = heldId(page)
    const mine = page.locator(`li#comment-${id}`)
    assert.equal(await mine.locator('.text em').textContent(), 'मसौदा')
    assert.equal(await mine.getByRole('link', { name: t.edit }).count(), 1)
    assert.equal(await mine.getByRole('button', { name: t.delete }).count(), 1)
    await shoot(page, 'sent', mine)

    // Approved, then edited within the window: the new text goes back to moderation.
    // Its author sees it held, marked edited; a stranger sees neither text until a
    // moderator approves the new one, and then the new text, marked edited.
    await approve(worker, id, `/articles/${seed.slug}`)
    await page.goto(`${worker.origin}/articles/${seed.slug}`)
    await follow(page, () => mine.getByRole('link', { name: t.edit }).click())
    const editor = page.locator('#edit-content')
    assert.equal(await editor.inputValue(), draft.content)
    await editor.fill(corrected)
    await shoot(page, 'editing', editor)
    await follow(page, () => page.getByRole('button', { name: t.save }).click())
    assert.equal(new URL(page.url()).pathname, `/articles/${seed.slug}`)
    assert.equal(await mine.count(), 1, 'one copy: the held one, not the approved text beside it')
    assert.equal(await mine.locator('.text strong').textContent(), 'पाठ')
    assert.equal((await mine.locator('.edited').textContent())?.trim(), t.edited)
    await shoot(page, 'edited', mine)

    const stranger = await readerContext(browser, 'desktop')
    try {
      const other = await stranger.newPage()
      const theirs = other.locator(`li#comment-${id}`)
      await other.goto(`${worker.origin}/articles/${seed.slug}`)
      assert.equal(await theirs.count(), 0, 'held again: no stranger sees it')
      await approve(worker, id, `/articles/${seed.slug}`)
      // A reload revalidates: the page may be kept for its max-age of 30 seconds.
      await other.reload()
      assert.equal(await theirs.locator('.text strong').textContent(), 'पाठ')
      assert.equal((await theirs.locator('.edited').textContent())?.trim(), t.edited)
      assert.equal(await theirs.getByRole('link', { name: t.edit }).count(), 0)
    } finally {
      await stranger.close()
    }
  } finally {
    await context.close()
  }
}

describe('a commenter without JavaScript', () => {
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

  test('previews a comment, sends it, edits it within 15 minutes and sees it marked edited', {
    timeout: browserTestTimeout,
  }, async () => {
    await visit(browser, worker)
  })
})
