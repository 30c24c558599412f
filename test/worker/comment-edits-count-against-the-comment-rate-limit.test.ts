import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, newClient, postJson, validComment } from '../support/comments'

// wrangler.toml's limit: one comment per client network every 10 seconds.
let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

it('answers 429 with Retry-After to a network that edits faster than it may post', async () => {
  const client = newClient()
  const posted = await postJson(worker, validComment(), client)
  assert.equal(posted.status, 201)
  const { id, edit_token: token } = await posted.json()
  // Miniflare counts in fixed 10-second windows, so three requests within a second
  // meet at most one new window: at least one of them is over the limit.
  const answers: Response[] = []
  for (let n = 0; n < 3; n++) {
    answers.push(
      await worker.fetch(`${commentsPath}/${id}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'cf-connecting-ip': client,
        },
        body: JSON.stringify({ content: `edit ${n}` }),
      }),
    )
  }
  const refused = answers.find((response) => response.status === 429)
  assert.ok(refused, `the edits got ${answers.map((r) => r.status).join(', ')}`)
  assert.equal(refused.headers.get('retry-after'), '10')
  assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8')
})

it('counts deletes too, and charges nothing for a forged token', async () => {
  const client = newClient()
  const { id } = await (await postJson(worker, validComment(), client)).json()
  const forged = await worker.fetch(`${commentsPath}/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${'A'.repeat(43)}`, 'cf-connecting-ip': newClient() },
  })
  assert.equal(forged.status, 403)
  const other = newClient()
  const second = await (await postJson(worker, validComment(), other)).json()
  const statuses: number[] = []
  for (let n = 0; n < 3; n++) {
    const response = await worker.fetch(`${commentsPath}/${second.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${second.edit_token}`, 'cf-connecting-ip': other },
    })
    statuses.push(response.status)
  }
  assert.ok(statuses.includes(429), `the deletes got ${statuses.join(', ')}`)
})
