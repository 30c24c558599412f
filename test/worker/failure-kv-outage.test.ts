import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { messagesFor } from '../../src/pages/i18n'
import { startWorker, type TestWorker } from '../harness/worker'
import { adminCall, commentsPath, newClient, postForm, postJson, slug } from '../support/comments'

// KV failures are injected through a wrapped COMMENTS binding (test/harness/kv-faults.ts).
// Each test starts its own Worker: reads are memoised per isolate, so a failure must be
// in place before the first read.

const hi = messagesFor('hi')
const articlePath = `/articles/${slug}`
const typed = {
  author: 'सीमा वर्मा',
  email: 'seema@example.org',
  url: 'https://seema.example.org/',
  content: 'लंबी टिप्पणी जो खोनी नहीं चाहिए: a < b & "c"',
}

async function withWorker(run: (worker: TestWorker) => Promise<void>) {
  const worker = await startWorker({ kvFaults: true })
  try {
    await run(worker)
  } finally {
    await worker.stop()
  }
}

async function assertUnavailableProblem(response: Response) {
  assert.equal(response.status, 503)
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
  assert.ok(Number(response.headers.get('retry-after')) > 0, 'Retry-After in seconds')
  const body = (await response.json()) as { status: number; detail: string }
  assert.equal(body.status, 503)
  assert.ok(body.detail.length > 0)
}

describe('when KV writes fail', () => {
  test('a JSON post answers 503 problem+json with Retry-After and stores nothing', () =>
    withWorker(async (worker) => {
      await worker.setKvFaults({ writes: true })
      await assertUnavailableProblem(await postJson(worker, typed))
      await worker.setKvFaults({})
      assert.deepEqual(await worker.kvKeys(), [])
    }))

  test('a form post shows the form again with everything typed and Retry-After', () =>
    withWorker(async (worker) => {
      await worker.setKvFaults({ writes: true })
      const response = await postForm(worker, typed)
      assert.equal(response.status, 503)
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
      assert.ok(Number(response.headers.get('retry-after')) > 0)
      assert.equal(response.headers.get('cache-control'), 'no-store')
      const html = await response.text()
      assert.ok(html.includes(hi.refusals.store_unavailable), 'the 503 message is shown')
      assert.ok(html.includes(`value="${typed.author}"`))
      assert.ok(html.includes(`value="${typed.email}"`))
      assert.ok(html.includes(`value="${typed.url}"`))
      assert.ok(
        html.includes('लंबी टिप्पणी जो खोनी नहीं चाहिए: a &lt; b &amp; &quot;c&quot;'),
        'the typed comment is back in the textarea, escaped',
      )
    }))

  test('a comment whose index write fails is removed again, so a retry is not a duplicate', () =>
    withWorker(async (worker) => {
      await worker.setKvFaults({ putPrefixes: ['v1:list:'] })
      await assertUnavailableProblem(await postJson(worker, typed))
      await worker.setKvFaults({})
      assert.deepEqual(await worker.kvKeys(), [], 'no half-written comment is left behind')
      const retry = await postJson(worker, typed)
      assert.equal(retry.status, 201)
      assert.equal((await worker.kvKeys('v1:comment:')).length, 1)
    }))

  test('moderation answers 503 problem+json instead of failing', () =>
    withWorker(async (worker) => {
      const posted = await postJson(worker, typed)
      const { id } = (await posted.json()) as { id: string }
      await worker.setKvFaults({ writes: true })
      await assertUnavailableProblem(
        await adminCall(worker, 'POST', `/admin/comments/${id}/approve`),
      )
    }))
})

describe('when KV reads fail', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker({ kvFaults: true })
    await worker.setKvFaults({ reads: true })
  })
  after(() => worker.stop())

  test('the article page still renders, with a "comments are unavailable" notice', async () => {
    const response = await worker.fetch(articlePath, { headers: { accept: 'text/html' } })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('cache-control'), 'no-store', 'an outage page is not cached')
    const html = await response.text()
    assert.ok(html.includes(hi.commentsUnavailable))
    assert.ok(html.includes('<h1>'), 'the article itself is there')
    assert.ok(!html.includes('id="comment-form"'), 'no form that could not be saved')
  })

  test('the site feeds are still served; comment feeds and JSON answer 503', async () => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json']) {
      assert.equal((await worker.fetch(path)).status, 200, path)
    }
    for (const file of ['', '/feed.xml', '/atom.xml', '/feed.json']) {
      await assertUnavailableProblem(await worker.fetch(`${commentsPath}${file}`))
    }
  })

  test('a JSON post answers 503 and a form post keeps what was typed', async () => {
    await assertUnavailableProblem(await postJson(worker, typed, newClient()))
    const form = await postForm(worker, typed, newClient())
    assert.equal(form.status, 503)
    assert.ok((await form.text()).includes(`value="${typed.author}"`))
  })

  test('the moderation list answers 503 problem+json', async () => {
    await assertUnavailableProblem(await adminCall(worker, 'GET', '/admin/comments'))
  })

  test('once KV is back, the page shows the form and a post is taken', async () => {
    await worker.setKvFaults({})
    const page = await (await worker.fetch(articlePath)).text()
    assert.ok(page.includes('id="comment-form"'))
    assert.equal((await postJson(worker, { ...typed, content: 'फिर से' })).status, 201)
  })
})
