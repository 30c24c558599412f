import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { getRoutes, seedSlug } from '../harness/routes'
import { startWorker, type TestWorker } from '../harness/worker'
import { newClient, postApproved, postJson, validComment } from '../support/comments'

// A tag of the seed article: its page and feeds are reader routes too.
const tag = `/tags/${encodeURIComponent('ओपनएआई')}`
const readerRoutes = [
  ...getRoutes,
  tag,
  `${tag}/feed.xml`,
  `/articles/${seedSlug}/comments/feed.json`,
  `/articles/${seedSlug}/comments/atom.xml`,
  '/comments/feed.xml',
]

let worker: TestWorker
before(async () => {
  worker = await startWorker({ countKv: true })
})
after(() => worker.stop())

// A list is the dearest KV call and the free plan allows 1,000 a day for every
// isolate together, so what readers see must be read with gets (issue 24).
it('answers every reader route, after a comment was approved, without a KV list', async () => {
  await postApproved(worker, validComment())
  await worker.takeKvOperations()
  const listed: string[] = []
  for (const path of readerRoutes) {
    const response = await worker.fetch(path)
    assert.equal(response.status, 200, path)
    await response.arrayBuffer()
    const { list } = await worker.takeKvOperations()
    if (list > 0) listed.push(`${path}: ${list}`)
  }
  assert.deepEqual(listed, [], 'reader routes that listed KV')
})

// Every post checks the article's pending cap and looks for a duplicate: both are gets.
it('takes a comment, pending cap and duplicate check included, without a KV list', async () => {
  await worker.takeKvOperations()
  const response = await postJson(worker, validComment(), newClient())
  assert.equal(response.status, 201)
  const { list } = await worker.takeKvOperations()
  assert.equal(list, 0)
})
