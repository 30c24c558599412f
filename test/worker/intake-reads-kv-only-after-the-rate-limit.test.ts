import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { newClient, postJson, validComment } from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ kvFaults: true })
})
after(() => worker.stop())

it('refuses a flooding client before reading KV for its parent or a duplicate', async () => {
  const client = newClient()
  assert.equal((await postJson(worker, validComment(), client)).status, 201)
  // From here on every KV read fails: only a post that reads KV can notice.
  await worker.setKvFaults({ reads: true })
  try {
    const flood = await postJson(worker, validComment({ parent: '0000000000000000000' }), client)
    assert.equal(flood.status, 429, 'the rate limit answered before the parent was looked up')
  } finally {
    await worker.setKvFaults({})
  }
})
