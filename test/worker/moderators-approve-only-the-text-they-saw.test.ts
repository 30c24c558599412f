import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { startWorker, type TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postJson,
  slug,
  untilReadersSee,
  validComment,
} from '../support/comments'
import { type ModeratorClient, moderationWords, signIn } from '../support/moderation-page'

const harmless = 'Great article, thanks!'
const spam = 'BUY PILLS https://evil.example/spam'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ rateLimit: 1000 })
})
after(() => worker.stop())

/** Posts a held comment; returns its id and the author's edit token. */
async function post(content = harmless): Promise<{ id: string; token: string }> {
  const response = await postJson(worker, validComment({ content }), newClient())
  assert.equal(response.status, 201)
  const { id, edit_token } = (await response.json()) as { id: string; edit_token: string }
  return { id, token: edit_token }
}

/** The author changes the text with their proof, as the JSON client does. */
async function edit(comment: { id: string; token: string }, content: string): Promise<void> {
  const response = await worker.fetch(`${commentsPath}/${comment.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${comment.token}` },
    body: JSON.stringify({ content }),
  })
  assert.equal(response.status, 200)
  assert.equal(((await response.json()) as { status: string }).status, 'pending')
}

async function stored(id: string): Promise<{ status: string; content: string } | undefined> {
  const value = await (await worker.kv()).get(`v1:comment:${id}`)
  return value ? JSON.parse(value) : undefined
}

/** Whether readers get comment `id`, once the view updater has had time to run. */
async function readersSee(id: string): Promise<boolean> {
  await sleep(1500)
  const listed = await worker.fetch(commentsPath, { headers: { accept: 'application/json' } })
  const { comments } = (await listed.json()) as { comments: Array<{ id: string }> }
  return comments.some((comment) => comment.id === id)
}

/** The list page as the moderator loads it, with the version each comment shows. */
async function loadList(moderator: ModeratorClient) {
  const page = await (await moderator.get(`/admin?status=pending&article=${slug}`)).text()
  return {
    page,
    seen: (id: string): [string, string] => {
      const version = new RegExp(`name="seen:${id}" value="(\\d+)"`).exec(page)?.[1]
      assert.ok(version !== undefined, `the list shows no version of ${id}`)
      return [`seen:${id}`, version]
    },
  }
}

describe('the moderation page', () => {
  it('refuses to approve a comment its author edited after the list was loaded, keeps it pending and says to look again', async () => {
    const comment = await post()
    const moderator = await signIn(worker)
    const csrf = await moderator.csrf()
    const list = await loadList(moderator)
    assert.match(list.page, new RegExp(harmless))
    await edit(comment, spam)

    const response = await moderator.post('/admin', [
      ['csrf', csrf],
      ['status', 'pending'],
      ['article', slug],
      list.seen(comment.id),
      ['act', `approve:${comment.id}`],
    ])
    assert.equal(response.status, 303)
    const location = response.headers.get('location') ?? ''
    assert.match(location, /done=approve&count=0&missing=0&changed=1$/)
    assert.equal((await stored(comment.id))?.status, 'pending')
    assert.equal(await readersSee(comment.id), false)

    const again = await (await moderator.get(location)).text()
    // In the site's language: the notice is built from the page's own words.
    const words = moderationWords(again)
    assert.ok(
      again.includes(
        `id="moderation-notice">${words.done.approve(0)}: ${words.comments(0)}${words.fullStop} ${words.changed(1)}`,
      ),
      'the notice says one changed and to look again',
    )
    // Looking again shows the new text, and the version that approves it.
    assert.match(again, /BUY PILLS/)
    assert.match(again, new RegExp(`name="seen:${comment.id}" value="1"`))
    // With the version just shown, the same button approves: the moderator has read it.
    const approved = await moderator.post('/admin', [
      ['csrf', csrf],
      [`seen:${comment.id}`, '1'],
      ['act', `approve:${comment.id}`],
    ])
    assert.match(approved.headers.get('location') ?? '', /done=approve&count=1&missing=0$/)
    await untilReadersSee(worker, commentsPath, [comment.id])
  })

  it('approves, in one bulk action, the selected comments that did not change and none that did', async () => {
    const kept = await post()
    const changed = await post()
    const moderator = await signIn(worker)
    const csrf = await moderator.csrf()
    const list = await loadList(moderator)
    await edit(changed, spam)

    const response = await moderator.post('/admin', [
      ['csrf', csrf],
      ['id', kept.id],
      ['id', changed.id],
      list.seen(kept.id),
      list.seen(changed.id),
      ['act', 'approve'],
    ])
    assert.match(
      response.headers.get('location') ?? '',
      /done=approve&count=1&missing=0&changed=1$/,
    )
    assert.equal((await stored(kept.id))?.status, 'approved')
    assert.equal((await stored(changed.id))?.status, 'pending')
    await untilReadersSee(worker, commentsPath, [kept.id])
    assert.equal(await readersSee(changed.id), false)
    // Spam only takes text away from readers: it goes ahead on the old version.
    const marked = await moderator.post('/admin', [
      ['csrf', csrf],
      list.seen(changed.id),
      ['act', `spam:${changed.id}`],
    ])
    assert.match(marked.headers.get('location') ?? '', /done=spam&count=1&missing=0$/)
    assert.equal((await stored(changed.id))?.status, 'spam')
  })
})

describe('the moderation API', () => {
  /** The version of a comment as the pending listing shows it: its `edits`, 0 when absent. */
  async function listedVersion(id: string): Promise<string> {
    const listed = await adminCall(worker, 'GET', `/admin/comments?status=pending&article=${slug}`)
    const { comments } = (await listed.json()) as {
      comments: Array<{ id: string; edits?: string }>
    }
    const comment = comments.find((c) => c.id === id)
    assert.ok(comment, `${id} is not listed`)
    return comment.edits ?? '0'
  }

  it('answers 409 to an approval of a version the author has since edited, and the comment stays pending', async () => {
    const comment = await post()
    const version = await listedVersion(comment.id)
    assert.equal(version, '0')
    await edit(comment, spam)

    const refused = await adminCall(
      worker,
      'POST',
      `/admin/comments/${comment.id}/approve?version=${version}`,
    )
    assert.equal(refused.status, 409)
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/)
    const body = (await refused.json()) as { detail: string; errors: Array<{ code: string }> }
    assert.match(body.detail, /edited by its author since you listed it: it is now version 1/)
    assert.deepEqual(
      body.errors.map((e) => e.code),
      ['changed_since_listed'],
    )
    assert.equal((await stored(comment.id))?.status, 'pending')
    assert.equal(await readersSee(comment.id), false)

    // Listed again, the new version is the one an approval names.
    const relisted = await listedVersion(comment.id)
    assert.equal(relisted, '1')
    const approved = await adminCall(
      worker,
      'POST',
      `/admin/comments/${comment.id}/approve?version=${relisted}`,
    )
    assert.equal(approved.status, 200)
    await untilReadersSee(worker, commentsPath, [comment.id])
  })

  it('refuses a version that is not a number with 400 and changes nothing', async () => {
    const comment = await post()
    const response = await adminCall(
      worker,
      'POST',
      `/admin/comments/${comment.id}/approve?version=latest`,
    )
    assert.equal(response.status, 400)
    assert.equal((await stored(comment.id))?.status, 'pending')
  })
})
