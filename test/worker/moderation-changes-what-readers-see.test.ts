import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  postJson,
  slug,
  untilShown,
  validComment,
} from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const publicIds = async () =>
  ((await (await worker.fetch(commentsPath)).json()).comments as Array<{ id: string }>).map(
    (c) => c.id,
  )

async function post(content: string): Promise<string> {
  const response = await postJson(worker, validComment({ content }))
  assert.equal(response.status, 201)
  return (await response.json()).id
}

describe('admin authentication', () => {
  it('refuses a missing, malformed or wrong token with 401 problem JSON', async () => {
    for (const authorization of [
      undefined,
      'Bearer',
      'Bearer wrong-token',
      'Basic abc',
      'Bearer ä',
    ]) {
      const response = await worker.fetch('/admin/comments', {
        headers: authorization ? { authorization } : {},
      })
      assert.equal(response.status, 401, String(authorization))
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    }
  })

  it('is closed when no ADMIN_TOKEN is configured', async () => {
    const closed = await startWorker({ vars: { ADMIN_TOKEN: '' } })
    try {
      assert.equal((await adminCall(closed, 'GET', '/admin/comments', '')).status, 401)
      assert.equal((await adminCall(closed, 'GET', '/admin/comments', 'anything')).status, 401)
    } finally {
      await closed.stop()
    }
  })
})

describe('moderation', () => {
  it('lists pending comments with e-mail for the moderator, filtered by article', async () => {
    const id = await post('प्रतीक्षारत')
    const listed = await (
      await adminCall(worker, 'GET', `/admin/comments?status=pending&article=${slug}`)
    ).json()
    const comment = listed.comments.find((c: { id: string }) => c.id === id)
    assert.ok(comment)
    for (const field of ['id', 'article', 'author', 'email', 'content', 'status', 'created'])
      assert.ok(field in comment, field)
    assert.match(comment.email, /@example\.org$/)
    assert.equal(listed.cursor, undefined)
    const other = await (
      await adminCall(worker, 'GET', '/admin/comments?status=pending&article=other')
    ).json()
    assert.deepEqual(other.comments, [])
    assert.equal((await adminCall(worker, 'GET', '/admin/comments?status=bogus')).status, 400)
  })

  it('pages with a cursor', async () => {
    for (let n = 0; n < 55; n++) await post(`पृष्ठ ${n}`)
    const first = await (await adminCall(worker, 'GET', '/admin/comments?status=pending')).json()
    assert.equal(first.comments.length, 50)
    assert.ok(first.cursor)
    const second = await (
      await adminCall(
        worker,
        'GET',
        `/admin/comments?status=pending&cursor=${encodeURIComponent(first.cursor)}`,
      )
    ).json()
    assert.ok(second.comments.length >= 6)
    assert.equal(second.cursor, undefined)
  })

  it('approve publishes, spam unpublishes, delete removes every key', async () => {
    const id = await post('मॉडरेशन परीक्षण')
    assert.ok(!(await publicIds()).includes(id))
    const approved = await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
    assert.equal(approved.status, 200)
    assert.equal((await approved.json()).status, 'approved')
    assert.ok((await untilShown(worker, (shown) => shown.includes(id))).includes(id))
    assert.match(await (await worker.fetch(`/articles/${slug}`)).text(), /मॉडरेशन परीक्षण/)

    assert.equal((await adminCall(worker, 'POST', `/admin/comments/${id}/spam`)).status, 200)
    assert.ok(!(await untilShown(worker, (shown) => !shown.includes(id))).includes(id))
    assert.doesNotMatch(await (await worker.fetch(`/articles/${slug}`)).text(), /मॉडरेशन परीक्षण/)
    const spam = await (await adminCall(worker, 'GET', '/admin/comments?status=spam')).json()
    assert.ok(spam.comments.some((c: { id: string }) => c.id === id))

    assert.equal((await adminCall(worker, 'DELETE', `/admin/comments/${id}`)).status, 204)
    assert.ok(!(await worker.kvKeys()).some((key) => key.includes(id)))
    assert.equal((await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)).status, 404)
  })

  it('lets the same text be posted again after its comment is deleted', async () => {
    const body = validComment({ content: 'फिर से' })
    const first = await postJson(worker, body)
    const { id } = await first.json()
    assert.equal((await adminCall(worker, 'DELETE', `/admin/comments/${id}`)).status, 204)
    assert.equal((await postJson(worker, body)).status, 201)
  })
})
