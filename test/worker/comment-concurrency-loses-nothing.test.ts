import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { newClient, postJson, slug, validComment } from '../support/comments'

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
