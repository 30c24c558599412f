import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { editProof } from '../../src/comments/edit-proof'
import { maxEditsPerComment } from '../../src/comments/edit-window'
import { newCommentId } from '../../src/comments/ids'
import { renderCommentMarkdown } from '../../src/comments/markdown'
import { hmacKey } from '../../src/lib/hmac'
import { messagesFor } from '../../src/pages/i18n'
import { editSecret, startWorker, type TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postForm,
  postJson,
  slug,
  untilReadersSee,
  untilShown,
  validComment,
} from '../support/comments'

// The seed article is in Hindi, so its page speaks Hindi.
const t = messagesFor('hi')

/** Asserts that a page matches, naming the pattern rather than printing the whole page. */
function assertHas(page: string, pattern: RegExp, message = String(pattern)) {
  assert.ok(pattern.test(page), `page lacks ${message}`)
}
function assertHasNot(page: string, pattern: RegExp) {
  assert.ok(!pattern.test(page), `page has ${pattern}`)
}
let worker: TestWorker

before(async () => {
  worker = await startWorker({ rateLimit: 1000 })
})
after(() => worker.stop())

interface Accepted {
  id: string
  created: string
  edit_token: string
  edit_until: string
}

async function post(overrides: Record<string, unknown> = {}): Promise<Accepted> {
  const response = await postJson(worker, validComment(overrides))
  assert.equal(response.status, 201)
  return (await response.json()) as Accepted
}

async function approve(id: string) {
  assert.equal((await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)).status, 200)
  await untilReadersSee(worker, commentsPath, [id])
}

function patch(id: string, body: unknown, token?: string) {
  return worker.fetch(`${commentsPath}/${id}`, {
    method: 'PATCH',
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function remove(id: string, token?: string) {
  return worker.fetch(`${commentsPath}/${id}`, {
    method: 'DELETE',
    headers: token !== undefined ? { authorization: `Bearer ${token}` } : {},
  })
}

async function stored(id: string) {
  const raw = await (await worker.kv()).get(`v1:comment:${id}`)
  return raw ? JSON.parse(raw) : null
}

/**
 * A copy of comment `id` made `minutes` ago (its id carries its creation time, as
 * the intake's do), and the proof a server would have given for it.
 */
async function backdated(id: string, minutes: number): Promise<{ id: string; proof: string }> {
  const time = Date.now() - minutes * 60_000
  const copy = {
    ...(await stored(id)),
    id: newCommentId(time),
    created: new Date(time).toISOString(),
  }
  await (await worker.kv()).put(`v1:comment:${copy.id}`, JSON.stringify(copy))
  return { id: copy.id, proof: await editProof(await hmacKey(editSecret), copy) }
}

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? ''
  return header.split(';')[0] ?? ''
}

describe('the JSON flow', () => {
  it('gives the author an edit token and the end of the window, and stores no token', async () => {
    const accepted = await post()
    assert.match(accepted.edit_token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(Date.parse(accepted.edit_until) - Date.parse(accepted.created), 15 * 60_000)
    const keys = await worker.kvKeys()
    for (const key of keys) {
      const value = (await (await worker.kv()).get(key)) ?? ''
      assert.ok(!value.includes(accepted.edit_token), `${key} holds the token`)
    }
  })

  it('edits an approved comment: it goes back to moderation, hidden until approved again, then marked edited', async () => {
    const accepted = await post({ content: 'a harmless first text' })
    await approve(accepted.id)
    const feedBefore = await worker.fetch(`${commentsPath}/feed.json`)
    const etagBefore = feedBefore.headers.get('etag')
    const content = 'Now with *emphasis* and a [link](https://example.org/).'
    const response = await patch(accepted.id, { content }, accepted.edit_token)
    assert.equal(response.status, 200)
    const body = await response.json()
    assert.equal(body.status, 'pending')
    assert.equal(body.content, content)
    assert.equal(body.content_html, renderCommentMarkdown(content))
    assert.ok(body.edited, 'the answer says when it was edited')

    // The view updater takes it out of what readers see, moments after the answer.
    await untilShown(worker, (shown) => !shown.includes(accepted.id))
    const hidden = await (await worker.fetch(commentsPath)).json()
    assert.ok(!hidden.comments.some((c: { id: string }) => c.id === accepted.id), 'not public')
    assert.equal(hidden.count, hidden.comments.length)
    const hiddenPage = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.ok(!hiddenPage.includes('a harmless first text'), 'the old text is gone too')
    assert.ok(!hiddenPage.includes(renderCommentMarkdown(content)), 'the new one waits')
    const queue = await (await adminCall(worker, 'GET', '/admin/comments?status=pending')).json()
    assert.ok(
      queue.comments.some((c: { id: string }) => c.id === accepted.id),
      'in the queue',
    )
    await approve(accepted.id)

    const listed = await (await worker.fetch(commentsPath)).json()
    const shown = listed.comments.find((c: { id: string }) => c.id === accepted.id)
    assert.equal(shown.content, content)
    assert.equal(shown.edited, body.edited)
    const feedAfter = await worker.fetch(`${commentsPath}/feed.json`)
    assert.notEqual(feedAfter.headers.get('etag'), etagBefore)
    const feed = await feedAfter.json()
    const item = feed.items.find((i: { id: string }) => i.id.endsWith(accepted.id))
    assert.equal(item.content_html, renderCommentMarkdown(content))
    assert.equal(item.date_modified, body.edited)
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.ok(page.includes(renderCommentMarkdown(content)))
    assertHas(page, new RegExp(`<time datetime="${body.edited}">${t.edited}</time>`))
  })

  it('refuses an edit that breaks the rules (empty text 422, too large 413) but never answers 409', async () => {
    const email = 'twice@example.org'
    const first = await post({ email, content: 'the first text' })
    const second = await post({ email, content: 'the second text' })
    const empty = await patch(second.id, { content: '  ' }, second.edit_token)
    assert.equal(empty.status, 422)
    assert.deepEqual(
      (await empty.json()).errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['content', 'required']],
    )
    const badUrl = await patch(second.id, { url: 'javascript:alert(1)' }, second.edit_token)
    assert.equal(badUrl.status, 422)
    const large = await patch(second.id, { content: 'x'.repeat(70_000) }, second.edit_token)
    assert.equal(large.status, 413)
    assert.equal((await stored(second.id)).content, 'the second text')
    // A 409 here would say that a comment, perhaps one nobody can see, holds that text.
    const repeated = await patch(second.id, { content: 'the first text' }, second.edit_token)
    assert.equal(repeated.status, 200)
    assert.equal((await stored(second.id)).content, 'the first text')
    assert.equal((await stored(first.id)).content, 'the first text')
    // The duplicate key stays with the first: deleting the second leaves the first's repeat refused.
    assert.equal((await remove(second.id, second.edit_token)).status, 204)
    const again = await postJson(worker, validComment({ email, content: 'the first text' }))
    assert.equal(again.status, 201)
    assert.equal(await stored((await again.json()).id), null, 'a decoy: nothing stored')
  })

  it(`stores at most ${maxEditsPerComment} edits of a comment, then answers 429 until the window closes`, async () => {
    const accepted = await post()
    for (let n = 1; n <= maxEditsPerComment; n++) {
      const response = await patch(accepted.id, { content: `edit ${n}` }, accepted.edit_token)
      assert.equal(response.status, 200, `edit ${n}`)
    }
    const over = await patch(accepted.id, { content: 'one too many' }, accepted.edit_token)
    assert.equal(over.status, 429)
    assert.equal(over.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    const wait = Number(over.headers.get('retry-after'))
    assert.ok(wait > 800 && wait <= 900, `Retry-After ${wait} is the rest of the window`)
    assert.equal((await stored(accepted.id)).content, `edit ${maxEditsPerComment}`)
    assert.equal((await stored(accepted.id)).edits, String(maxEditsPerComment))
    assert.equal((await remove(accepted.id, accepted.edit_token)).status, 204, 'still deletable')
  })

  it("refuses another comment's token, a tampered token and none", async () => {
    const mine = await post()
    const theirs = await post()
    const other = await patch(mine.id, { content: 'hijacked' }, theirs.edit_token)
    assert.equal(other.status, 403)
    const last = mine.edit_token.at(-1) === 'A' ? 'B' : 'A'
    const tampered = `${mine.edit_token.slice(0, -1)}${last}`
    assert.equal((await patch(mine.id, { content: 'hijacked' }, tampered)).status, 403)
    assert.equal((await remove(mine.id, theirs.edit_token)).status, 403)
    const none = await patch(mine.id, { content: 'hijacked' })
    assert.equal(none.status, 401)
    assert.equal(none.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    assert.equal((await remove(mine.id)).status, 401)
    assert.notEqual((await stored(mine.id)).content, 'hijacked')
  })

  it('refuses edits and deletes once 15 minutes have passed, with a problem saying so', async () => {
    const accepted = await post()
    const old = await backdated(accepted.id, 16)
    const late = await patch(old.id, { content: 'too late' }, old.proof)
    assert.equal(late.status, 403)
    assert.match((await late.json()).detail, /15 minutes/)
    assert.equal((await remove(old.id, old.proof)).status, 403)
    assert.ok(await stored(old.id), 'still stored')
    const recent = await backdated(accepted.id, 14)
    assert.equal((await patch(recent.id, { content: 'just in time' }, recent.proof)).status, 200)
  })

  it('deletes an approved comment: gone from KV, the JSON and the count', async () => {
    const accepted = await post()
    await approve(accepted.id)
    assert.equal((await remove(accepted.id, accepted.edit_token)).status, 204)
    assert.equal(await stored(accepted.id), null)
    // The view updater takes it out of what readers see, moments after the answer.
    await untilShown(worker, (shown) => !shown.includes(accepted.id))
    const listed = await (await worker.fetch(commentsPath)).json()
    assert.ok(!listed.comments.some((c: { id: string }) => c.id === accepted.id))
    assert.equal(listed.count, listed.comments.length)
    assert.equal((await remove(accepted.id, accepted.edit_token)).status, 404)
  })
})

describe('the form flow', () => {
  const page = `/articles/${slug}`
  const html = { accept: 'text/html' }

  it('sets an HttpOnly, SameSite=Lax cookie scoped to the article for 15 minutes', async () => {
    const response = await postForm(worker, validComment() as Record<string, string>)
    assert.equal(response.status, 303)
    const header = response.headers.get('set-cookie') ?? ''
    assert.match(header, /^comment_edit_[0-9a-z]{19}=[A-Za-z0-9_-]{43};/)
    assert.match(header, /Max-Age=(899|900)/)
    assert.match(header, new RegExp(`Path=/articles/${slug}`))
    assert.match(header, /HttpOnly/)
    assert.match(header, /SameSite=Lax/)
  })

  it('shows edit and delete beside the own held comment, edits it, marks it, deletes it', async () => {
    const posted = await postForm(
      worker,
      validComment({ content: 'typo teh' }) as Record<string, string>,
    )
    const cookie = cookieOf(posted)
    const id = cookie.slice('comment_edit_'.length, cookie.indexOf('='))
    const withCookie = { ...html, cookie }

    // The public page is kept hot for a few seconds; a reader with an edit cookie still gets their own.
    const stranger = await (await worker.fetch(page, { headers: html })).text()
    assertHasNot(stranger, new RegExp(`${id}/delete`))
    const own = await (await worker.fetch(page, { headers: withCookie })).text()
    assertHas(own, new RegExp(`href="${page}\\?edit=${id}#comment-${id}"`))
    assertHas(own, new RegExp(`action="${commentsPath}/${id}/delete"`))
    assertHas(own, /typo teh/, 'the held comment is shown to its author')

    const form = await (await worker.fetch(`${page}?edit=${id}`, { headers: withCookie })).text()
    assertHas(form, new RegExp(`action="${commentsPath}/${id}/edit"`))
    assertHas(form, /<textarea id="edit-content"[^>]*>typo teh<\/textarea>/)

    const edit = (content: string, headers: Record<string, string>) =>
      worker.fetch(`${commentsPath}/${id}/edit`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ content }).toString(),
      })
    const refused = await edit('', withCookie)
    assert.equal(refused.status, 422)
    assertHas(await refused.text(), /id="edit-content-error"/)
    assert.equal((await edit('hijacked', html)).status, 401)

    const saved = await edit('typo **the**', withCookie)
    assert.equal(saved.status, 303)
    const comment = await stored(id)
    assert.equal(comment.content, 'typo **the**')
    assert.equal(comment.status, 'pending')
    assert.ok(comment.edited)
    const after = await (await worker.fetch(page, { headers: withCookie })).text()
    assertHas(after, /typo <strong>the<\/strong>/)
    assertHas(after, new RegExp(`>${t.edited}</time>`))

    const deleted = await worker.fetch(`${commentsPath}/${id}/delete`, {
      method: 'POST',
      headers: { ...withCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    assert.equal(deleted.status, 303)
    assert.match(deleted.headers.get('set-cookie') ?? '', /Max-Age=0/)
    assert.equal(await stored(id), null)
  })

  it('lets the form edit change every field PATCH can, filled with what the comment holds', async () => {
    const posted = await postForm(
      worker,
      validComment({
        author: 'पुराना नाम',
        email: 'old@example.org',
        url: 'https://old.example/',
        content: 'वही पाठ',
      }) as Record<string, string>,
    )
    const cookie = cookieOf(posted)
    const id = cookie.slice('comment_edit_'.length, cookie.indexOf('='))
    const withCookie = { ...html, cookie }
    const form = await (await worker.fetch(`${page}?edit=${id}`, { headers: withCookie })).text()
    assertHas(form, /<input id="edit-author" name="author"[^>]*value="पुराना नाम"/)
    assertHas(form, /<input id="edit-email" name="email"[^>]*value="old@example.org"/)
    assertHas(form, /<input id="edit-url" name="url"[^>]*value="https:\/\/old.example\/"/)

    const edit = (fields: Record<string, string>) =>
      worker.fetch(`${commentsPath}/${id}/edit`, {
        method: 'POST',
        headers: { ...withCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      })
    const changed = {
      author: 'नया नाम',
      email: 'new@example.org',
      url: 'https://new.example/',
      content: 'वही पाठ',
    }
    const refused = await edit({ ...changed, author: '<b>नाम</b>' })
    assert.equal(refused.status, 422)
    const again = await refused.text()
    assertHas(again, /id="edit-author-error"/, 'the reason beside the name')
    assertHas(again, /<input id="edit-author" name="author"[^>]*value="&lt;b&gt;नाम&lt;\/b&gt;"/)
    assertHas(again, /<input id="edit-url" name="url"[^>]*value="https:\/\/new.example\/"/)

    assert.equal((await edit(changed)).status, 303)
    const comment = await stored(id)
    assert.deepEqual(
      [comment.author, comment.email, comment.url, comment.content],
      ['नया नाम', 'new@example.org', 'https://new.example/', 'वही पाठ'],
    )
    assert.equal((await edit({ ...changed, url: '' })).status, 303)
    assert.equal((await stored(id)).url, undefined, 'an emptied website is removed, as in PATCH')
  })

  it('refuses a form edit after the window and stops offering one', async () => {
    const posted = await postForm(worker, validComment() as Record<string, string>, newClient())
    const cookie = cookieOf(posted)
    const old = await backdated(cookie.slice('comment_edit_'.length, cookie.indexOf('=')), 20)
    const id = old.id
    const late = `comment_edit_${id}=${old.proof}`
    const response = await worker.fetch(`${commentsPath}/${id}/edit`, {
      method: 'POST',
      headers: { ...html, cookie: late, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'content=late',
    })
    assert.equal(response.status, 403)
    assertHas(await response.text(), new RegExp(t.refusals.edit_window_closed))
    const shown = await (await worker.fetch(page, { headers: { ...html, cookie: late } })).text()
    assertHasNot(shown, new RegExp(`${id}/delete`))
  })
})
