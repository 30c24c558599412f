import { commentsPath, seedSlug } from '../harness/routes'
import type { TestWorker } from '../harness/worker'
import { adminToken } from '../harness/worker'

export { commentsPath, seedSlug as slug }

let nextClient = 1

/** A fresh client address, so the per-client rate limit never couples two tests. */
export function newClient(): string {
  const n = nextClient++
  return `198.51.${Math.floor(n / 250)}.${(n % 250) + 1}`
}

/** A valid comment body; override any field. */
export function validComment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    author: 'पाठक',
    email: `reader${nextClient}@example.org`,
    content: `एक टिप्पणी ${Math.random()}`,
    ...overrides,
  }
}

/** POSTs a JSON comment from a client address. */
export function postJson(
  worker: TestWorker,
  body: unknown,
  client = newClient(),
  path = commentsPath,
) {
  return worker.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': client },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** POSTs the HTML form as a browser does (urlencoded, Accept: text/html). */
export function postForm(
  worker: TestWorker,
  fields: Record<string, string>,
  client = newClient(),
  path = commentsPath,
) {
  return worker.fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html,application/xhtml+xml',
      'cf-connecting-ip': client,
    },
    body: new URLSearchParams(fields).toString(),
  })
}

/** Calls the moderation API with the test token. */
export function adminCall(worker: TestWorker, method: string, path: string, token = adminToken) {
  return worker.fetch(path, { method, headers: { authorization: `Bearer ${token}` } })
}

/** Posts a comment (to the seed article unless `path` names another) and approves it; returns its id. */
export async function postApproved(
  worker: TestWorker,
  body: Record<string, unknown>,
  path = commentsPath,
): Promise<string> {
  const response = await postJson(worker, body, newClient(), path)
  if (response.status !== 201)
    throw new Error(`post failed: ${response.status} ${await response.text()}`)
  const { id } = (await response.json()) as { id: string }
  const approved = await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status}`)
  await untilReadersSee(worker, path, [id])
  return id
}

/** The ids of the comments readers see at a comments path, oldest first. */
export async function shownIds(worker: TestWorker, path = commentsPath): Promise<string[]> {
  const listed = await worker.fetch(path, { headers: { accept: 'application/json' } })
  const { comments } = (await listed.json()) as { comments: Array<{ id: string }> }
  return comments.map((comment) => comment.id)
}

/**
 * Waits until readers' view at `path` passes `holds`: moderation answers before
 * the view updater (a queue consumer, within about a second) rewrites it. Gives
 * up after five seconds and returns what was shown last.
 */
export async function untilShown(
  worker: TestWorker,
  holds: (shown: readonly string[]) => boolean,
  path = commentsPath,
): Promise<string[]> {
  let shown = await shownIds(worker, path)
  for (let attempt = 0; attempt < 100 && !holds(shown); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    shown = await shownIds(worker, path)
  }
  return shown
}

/** Waits for the view updater to show approved comments to readers. */
export async function untilReadersSee(
  worker: TestWorker,
  path: string,
  ids: readonly string[],
): Promise<void> {
  const shown = await untilShown(worker, (now) => ids.every((id) => now.includes(id)), path)
  if (!ids.every((id) => shown.includes(id))) {
    throw new Error(`readers never saw ${ids.join(', ')} on ${path}`)
  }
}

/** Approves every comment waiting for moderation (as a moderator clearing the queue). */
export async function approveAllPending(worker: TestWorker): Promise<void> {
  const listed = await adminCall(worker, 'GET', '/admin/comments?status=pending')
  const { comments } = (await listed.json()) as {
    comments: Array<{ id: string; article: string }>
  }
  const byArticle = new Map<string, string[]>()
  for (const { id, article } of comments) {
    const approved = await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
    if (approved.status !== 200) throw new Error(`approve failed: ${approved.status}`)
    byArticle.set(article, [...(byArticle.get(article) ?? []), id])
  }
  for (const [article, ids] of byArticle) {
    await untilReadersSee(worker, `/articles/${article}/comments`, ids)
  }
}
