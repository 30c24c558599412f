import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { commentFields } from '../../src/comments/fields'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, newClient, postForm, postJson, validComment } from '../support/comments'

// wrangler.toml's limit (1 per 10 seconds), not the raised one other tests use.
let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const previewPath = `${commentsPath}/preview`
const max = commentFields.content.max

function preview(content: string, client: string) {
  return postForm(worker, { author: 'A', email: 'a@example.org', content }, client, previewPath)
}

describe('the preview', () => {
  it('refuses a text longer than a comment may be, with a problem and no rendering', async () => {
    const response = await preview(`${'*a* '.repeat(max / 4)}b`, newClient())
    assert.equal(response.status, 422)
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    const problem = await response.json()
    assert.deepEqual(
      problem.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['content', 'too_long']],
    )
  })

  it('renders a text of exactly the limit', async () => {
    const response = await preview('x'.repeat(max), newClient())
    assert.equal(response.status, 200)
    assert.match(await response.text(), /<section id="comment-preview"/)
  })

  it('answers 429 with Retry-After to a client previewing again within the period', async () => {
    // Miniflare counts in fixed 10-second windows: a second preview can land in a new
    // one, but never twice in a row. Each attempt is a new client's, whose first
    // preview no earlier attempt counted against.
    const answers: number[] = []
    for (let attempt = 0; attempt < 3 && answers.at(-1) !== 429; attempt++) {
      const client = newClient()
      assert.equal((await preview('first', client)).status, 200)
      const again = await preview('second', client)
      answers.push(again.status)
      if (again.status === 429) {
        assert.equal(again.headers.get('retry-after'), '10')
        assert.equal(again.headers.get('content-type'), 'application/problem+json; charset=utf-8')
      } else {
        await again.body?.cancel()
      }
    }
    assert.equal(answers.at(-1), 429, `the second previews got ${answers.join(', ')}`)
  })

  it('does not use up the post that follows it', async () => {
    const client = newClient()
    assert.equal((await preview('a draft', client)).status, 200)
    assert.equal((await postJson(worker, validComment(), client)).status, 201)
  })
})
