import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { rateLimits } from '../../src/app/rate-limits'
import { startWorker, type TestWorker } from '../harness/worker'
import { adminCall, postJson, slug, validComment } from '../support/comments'
import { inAWindowWithRoom } from '../support/rate-window'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ vars: { MAX_PENDING_PER_ARTICLE: '3' } })
})
after(() => worker.stop())

/** Waits until the view updater has recorded `count` pending comments of the seed article. */
async function untilPendingIds(count: number): Promise<void> {
  const kv = await worker.kv()
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ids = JSON.parse((await kv.get(`v1:pending:${slug}`)) ?? '[]') as string[]
    if (ids.length >= count) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the view updater never recorded ${count} pending comments`)
}

describe('flood control', () => {
  it('counts every address of one IPv6 /64 as one client', async () => {
    // The three posts must fall in one window of the limit, however slow the machine.
    await inAWindowWithRoom(rateLimits.COMMENT_RATE_LIMITER.period, 6_000)
    const statuses = []
    for (const host of ['1', '2', '3']) {
      statuses.push((await postJson(worker, validComment(), `2001:db8:77:1::${host}`)).status)
    }
    assert.deepEqual(statuses, [201, 429, 429])
    const neighbour = await postJson(worker, validComment(), '2001:db8:77:2::1')
    assert.equal(neighbour.status, 201, 'the next /64 is another client')
  })

  it('refuses new comments once an article holds the most pending ones, with a clear problem', async () => {
    // Two accepted above; one more reaches the cap of three.
    assert.equal((await postJson(worker, validComment(), '203.0.113.1')).status, 201)
    // The cap reads the pending ids the view updater writes within about a second.
    await untilPendingIds(3)
    const refused = await postJson(worker, validComment(), '203.0.113.2')
    assert.equal(refused.status, 503)
    assert.ok(Number(refused.headers.get('retry-after')) > 0)
    const problem = (await refused.json()) as { detail: string }
    assert.match(problem.detail, /too many comments waiting for moderation/)
    const pending = (await (
      await adminCall(worker, 'GET', '/admin/comments?status=pending')
    ).json()) as {
      comments: unknown[]
    }
    assert.equal(pending.comments.length, 3, 'nothing past the cap was stored')
  })
})
