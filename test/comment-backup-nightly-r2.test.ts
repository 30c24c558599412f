import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { adminCall, postJson, validComment } from './support/comments'
import { startWorker, type TestWorker } from './support/worker'

/** Every line `GET /admin/export` hands out, page by page, as the CLI prints them. */
async function exportedLines(worker: TestWorker): Promise<string[]> {
  const lines: string[] = []
  let cursor: string | undefined
  do {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
    const page = (await (await adminCall(worker, 'GET', `/admin/export${query}`)).json()) as {
      comments: unknown[]
      cursor?: string
    }
    lines.push(...page.comments.map((comment) => JSON.stringify(comment)))
    cursor = page.cursor
  } while (cursor)
  return lines
}

describe('the nightly Cron Trigger backs every comment up to R2', () => {
  let worker: TestWorker

  before(async () => {
    worker = await startWorker({ rateLimit: 1000, quiet: true })
    for (let i = 0; i < 105; i += 1) {
      const response = await postJson(worker, validComment({ content: `रात की टिप्पणी ${i}` }))
      assert.equal(response.status, 201)
      if (i % 3 === 0) {
        const { id } = (await response.json()) as { id: string }
        await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
      }
    }
  })
  after(async () => {
    await worker?.stop()
  })

  test('the backup under the day’s key holds the same JSON Lines as the export', async () => {
    const outcome = await worker.scheduled(new Date('2026-11-25T03:17:00Z'))
    assert.equal(outcome, 'ok')
    const object = await (await worker.backups()).get('comments/2026-11-25.jsonl')
    assert.ok(object, 'the day’s backup exists')
    const expected = await exportedLines(worker)
    assert.equal(expected.length, 105)
    assert.equal(await object.text(), `${expected.join('\n')}\n`)
  })

  test('only the newest 30 backups are kept', async () => {
    const bucket = await worker.backups()
    // 40 earlier nights, written before this run.
    for (let day = 1; day <= 40; day += 1) {
      const date = new Date(Date.UTC(2026, 9, day))
      await bucket.put(`comments/${date.toISOString().slice(0, 10)}.jsonl`, '')
    }
    await bucket.put('elsewhere/keep-me.txt', 'not a backup')
    assert.equal(await worker.scheduled(new Date('2026-11-26T03:17:00Z')), 'ok')
    const keys = (await bucket.list({ prefix: 'comments/' })).objects.map((o) => o.key).sort()
    assert.equal(keys.length, 30)
    assert.equal(keys.at(-1), 'comments/2026-11-26.jsonl')
    assert.equal(keys.at(-2), 'comments/2026-11-25.jsonl')
    assert.equal(keys[0], 'comments/2026-10-13.jsonl', 'the oldest 12 are gone')
    assert.ok(await bucket.get('elsewhere/keep-me.txt'), 'other objects are left alone')
  })
})
