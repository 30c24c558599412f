import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postJson,
  slug,
  validComment,
} from '../support/comments'

// test-runner: alone. 200 connections at once: with other files' Workers beside it on
// a shared machine, some would wait past the client's connect timeout.
let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

it('stores 200 concurrent posts from 200 clients under 200 distinct ids and keys', async () => {
  const started = performance.now()
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, n) =>
      postJson(
        worker,
        validComment({ email: `c${n}@example.org`, content: `समवर्ती टिप्पणी ${n}` }),
        newClient(),
      ),
    ),
  )
  const elapsed = performance.now() - started
  assert.deepEqual(
    responses.map((r) => r.status),
    Array(200).fill(201),
  )
  const ids = new Set(
    (await Promise.all(responses.map((r) => r.json()))).map((c: { id: string }) => c.id),
  )
  assert.equal(ids.size, 200)
  const stored = await worker.kvKeys('v1:comment:')
  assert.equal(stored.length, 200)
  assert.deepEqual(new Set(stored.map((k) => k.slice('v1:comment:'.length))), ids)
  assert.equal((await worker.kvKeys(`v1:list:pending:${slug}:`)).length, 200)
  console.log(`200 concurrent posts: all 201 in ${elapsed.toFixed(0)} ms`)
})

it('counts every one of 30 approvals sent at once across 3 articles, and shows each', async () => {
  const articles = [slug, 'second-article', 'third-article']
  const comments = Array.from({ length: 30 }, (_, n) => ({
    id: `2${String(n).padStart(8, '0')}${'b'.repeat(10)}`,
    article: articles[n % 3],
    author: `Reader ${n}`,
    email: `parallel${n}@example.org`,
    content: `एक साथ स्वीकृत ${n}`,
    created: '2026-11-20T00:00:00.000Z',
    status: 'pending',
    client: '',
  }))
  const imported = await worker.fetch('/admin/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ comments }),
  })
  assert.equal(imported.status, 200, await imported.text())
  const approvals = await Promise.all(
    comments.map(({ id }) => adminCall(worker, 'POST', `/admin/comments/${id}/approve`)),
  )
  assert.deepEqual(
    approvals.map((r) => r.status),
    Array(30).fill(200),
  )
  const kv = await worker.kv()
  let counts: Record<string, number> = {}
  for (let attempt = 0; attempt < 100; attempt += 1) {
    counts = JSON.parse((await kv.get('v1:counts')) ?? '{"articles":{}}').articles
    if (articles.every((article) => counts[article] === 10)) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.deepEqual(
    articles.map((article) => counts[article]),
    [10, 10, 10],
  )
  for (const article of articles) {
    const view = JSON.parse((await kv.get(`v1:view:${article}`)) ?? '{"comments":[]}')
    assert.equal(view.comments.length, 10, `${article} shows all ten`)
  }
  const shown = (await (await worker.fetch(commentsPath)).json()) as { count: number }
  assert.equal(shown.count, 10)
})
