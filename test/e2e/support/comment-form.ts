import type { Page, Response } from 'playwright-core'
import { adminToken, type TestWorker } from '../../harness/worker'
import { untilReadersSee } from '../../support/comments'

/** What a reader types into the comment form. */
export interface TypedComment {
  content: string
  author: string
  email: string
  url: string
}

const fieldIds: Record<keyof TypedComment, string> = {
  content: '#comment-content',
  author: '#comment-author',
  email: '#comment-email',
  url: '#comment-url',
}

/** Types every field of the comment form, as a reader would. */
export async function typeComment(page: Page, comment: TypedComment): Promise<void> {
  for (const [field, selector] of Object.entries(fieldIds)) {
    await page.locator(selector).fill(comment[field as keyof TypedComment])
  }
}

/** The values the form's fields hold now. */
export async function formValues(page: Page): Promise<TypedComment> {
  const values = {} as TypedComment
  for (const [field, selector] of Object.entries(fieldIds)) {
    values[field as keyof TypedComment] = await page.locator(selector).inputValue()
  }
  return values
}

/**
 * Presses the submit button and waits for the page the browser lands on.
 * Returns the answer to the POST itself (422, or 303 before the redirect is followed).
 */
export async function submitComment(page: Page): Promise<Response> {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST')
  const landed = page.waitForNavigation({ waitUntil: 'load' })
  // The form's other submit button, Preview, has its own formaction.
  await page.locator('#comment-form button[type="submit"]:not([formaction])').click()
  const [response] = await Promise.all([posted, landed])
  return response
}

/** The comment id in the URL a held post redirects to (`?held=<id>#comment-<id>`). */
export function heldId(page: Page): string {
  const id = new URL(page.url()).searchParams.get('held')
  if (!id) throw new Error(`expected ?held=<id> in ${page.url()}`)
  return id
}

/**
 * Approves a comment through the moderation API, as the operator would, and
 * waits for readers' view to show it (the view updater runs within a second).
 */
export async function approve(worker: TestWorker, id: string, path: string): Promise<void> {
  const response = await worker.fetch(`/admin/comments/${id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
  })
  if (response.status !== 200) throw new Error(`approve ${id}: HTTP ${response.status}`)
  await untilReadersSee(worker, `${path}/comments`, [id])
}
