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
  // Miniflare's limiter counts in fixed 10-second windows, so a post can land in a fresh
  // window and be let through. A post that reads KV before the limit answers 503 every
  // time; one let through by a new window only when a window ends between two posts,
  // so three tries in a row tell the two apart.
  const answers: number[] = []
  for (let attempt = 0; attempt < 3 && answers.at(-1) !== 429; attempt++) {
    // Use up the window this client is in now, with KV working.
    while ((await postJson(worker, validComment(), client)).status !== 429) {}
    // From here on every KV read fails: only a post that reads KV can notice.
    await worker.setKvFaults({ reads: true })
    try {
      answers.push(
        (await postJson(worker, validComment({ parent: '0000000000000000000' }), client)).status,
      )
    } finally {
      await worker.setKvFaults({})
    }
  }
  assert.equal(answers.at(-1), 429, `the flooding posts got ${answers.join(', ')}`)
})
