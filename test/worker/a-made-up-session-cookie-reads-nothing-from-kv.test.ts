import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ countKv: true })
})
after(() => worker.stop())

// A stranger may send any cookie: if each one cost a KV read, a flood of them would
// spend the free plan's daily reads and take comments down for everyone.
it('answers /admin with a made-up or re-signed session cookie without reading KV', async () => {
  const expires = Date.now() + 3_600_000
  for (const cookie of ['x', `${expires}.0.${'A'.repeat(43)}`, `${expires}.7.${'b'.repeat(43)}`]) {
    await worker.takeKvOperations()
    const response = await worker.fetch('/admin', {
      headers: { cookie: `admin_session=${cookie}` },
    })
    assert.equal(response.status, 200, cookie)
    assert.match(await response.text(), /type="password"/)
    const { get, getWithMetadata, list } = await worker.takeKvOperations()
    assert.deepEqual(
      { get, getWithMetadata, list },
      { get: 0, getWithMetadata: 0, list: 0 },
      cookie,
    )
  }
})
