import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { commentEntry, keys } from '../../src/comments/store/keys'
import type { StoredComment } from '../../src/comments/types'
import { startWorker, type TestWorker } from '../harness/worker'
import { adminCall, postJson, validComment } from '../support/comments'

// test-runner: long (6 MiB of comments backed up twice): started first, so the run does not end waiting for it.

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

/**
 * 600 pending comments of nearly 10,000 characters (about 6 MiB), stored straight
 * into KV as CommentStore.add lays them out (the comment under its id with its
 * digest, its moderation list entry): the backup reads what is stored, however
 * it came in.
 * Through /admin/import (six requests of a megabyte, each 100 comments hashed and
 * stored one after another and 100 view updates queued) this took most of a
 * minute when four test files ran side by side, and once one of those requests
 * had no answer within fetch's 300 s; the import API has its own tests
 * (comment-backup-round-trip).
 */
async function storeLongComments(worker: TestWorker): Promise<void> {
  const kv = await worker.kv()
  // Under the content limit of 10,000 characters with the index in front.
  const long = 'long text '.repeat(998).trimEnd()
  for (let batch = 0; batch < 6; batch += 1) {
    const comments: StoredComment[] = Array.from({ length: 100 }, (_, i) => ({
      id: `1${String(batch * 100 + i).padStart(8, '0')}${'a'.repeat(10)}`,
      article: 'openai-sora-artists-leak-protest',
      author: `Reader ${batch * 100 + i}`,
      email: `r${batch * 100 + i}@example.org`,
      content: `${batch * 100 + i} ${long}`,
      created: '2026-11-20T00:00:00.000Z',
      status: 'pending',
      client: '',
    }))
    await Promise.all(
      comments.map(async (comment) => {
        const { key, value, metadata } = await commentEntry(comment)
        await Promise.all([
          kv.put(key, value, { metadata }),
          kv.put(keys.listEntry(comment.status, comment.article, comment.id), ''),
        ])
      }),
    )
  }
}

describe('the nightly Cron Trigger backs every comment up to R2', () => {
  let worker: TestWorker

  before(async () => {
    worker = await startWorker({ rateLimit: 1000, quiet: true })
    for (let i = 0; i < 5; i += 1) {
      const response = await postJson(worker, validComment({ content: `रात की टिप्पणी ${i}` }))
      assert.equal(response.status, 201)
      if (i % 2 === 0) {
        const { id } = (await response.json()) as { id: string }
        await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
      }
    }
  })
  after(async () => {
    await worker?.stop()
  })

  test('the backup under the day’s key holds the same JSON Lines as the export', async () => {
    const expected = await exportedLines(worker)
    assert.equal(expected.length, 5)
    const outcome = await worker.scheduled(new Date('2026-11-25T03:17:00Z'))
    assert.equal(outcome, 'ok')
    const object = await (await worker.backups()).get('comments/2026-11-25.jsonl')
    assert.ok(object, 'the day’s backup exists')
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
    // A copy someone left beside the backups: neither a backup to copy from nor one to count.
    await bucket.put('comments/2026-11-25.jsonl.bak', 'not comment json')
    assert.equal(await worker.scheduled(new Date('2026-11-26T03:17:00Z')), 'ok')
    const listed = (await bucket.list({ prefix: 'comments/' })).objects.map((o) => o.key)
    assert.ok(listed.includes('comments/2026-11-25.jsonl.bak'), 'the stray copy is left alone')
    const keys = listed.filter((key) => key.endsWith('.jsonl')).sort()
    assert.equal(keys.length, 30)
    assert.equal(keys.at(-1), 'comments/2026-11-26.jsonl')
    assert.equal(keys.at(-2), 'comments/2026-11-25.jsonl')
    assert.equal(keys[0], 'comments/2026-10-13.jsonl', 'the oldest 12 are gone')
    assert.ok(await bucket.get('elsewhere/keep-me.txt'), 'other objects are left alone')
  })

  test('a backup bigger than one 5 MiB upload part arrives whole, byte for byte', async () => {
    await storeLongComments(worker)
    const expected = `${(await exportedLines(worker)).join('\n')}\n`
    assert.equal(await worker.scheduled(new Date('2026-11-27T03:17:00Z')), 'ok')
    const text = await (await (await worker.backups()).get('comments/2026-11-27.jsonl'))?.text()
    assert.ok(Buffer.byteLength(expected) > 5 * 1024 * 1024 * 1.1, 'more than one part')
    assert.equal(text?.length, expected.length)
    assert.ok(text === expected, 'the object holds exactly the export')
  })
})

describe('a night’s backup reads from KV only the comments changed since the night before', () => {
  let worker: TestWorker
  const slug = 'openai-sora-artists-leak-protest'
  const ids: string[] = []

  /** Posts a comment; its id. */
  async function post(content: string): Promise<string> {
    const response = await postJson(worker, validComment({ content }))
    assert.equal(response.status, 201)
    return ((await response.json()) as { id: string }).id
  }

  /** Waits until readers see `count` approved comments, so no view update reads KV later. */
  async function settled(count: number): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const response = await worker.fetch(`/articles/${slug}/comments`)
      const body = (await response.json()) as { comments: unknown[] }
      if (body.comments.length === count) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.fail(`readers never saw ${count} approved comments`)
  }

  before(async () => {
    worker = await startWorker({ rateLimit: 1000, quiet: true, countKv: true })
    for (let i = 0; i < 6; i += 1) ids.push(await post(`पहली रात की टिप्पणी ${i}`))
    for (const id of ids.slice(0, 2))
      await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)
    await settled(2)
  })
  after(async () => {
    await worker?.stop()
  })

  test('the first night reads every comment', async () => {
    await worker.takeKvOperations()
    assert.equal(await worker.scheduled(new Date('2026-11-25T03:17:00Z')), 'ok')
    assert.equal((await worker.takeKvOperations()).keysRead, 6)
  })

  test('the second reads the approved one and the new one, drops the deleted one, copies the rest', async () => {
    await adminCall(worker, 'POST', `/admin/comments/${ids[2]}/approve`)
    await adminCall(worker, 'DELETE', `/admin/comments/${ids[3]}`)
    await post('दूसरी रात की नई टिप्पणी')
    await settled(3)
    await worker.takeKvOperations()
    assert.equal(await worker.scheduled(new Date('2026-11-26T03:17:00Z')), 'ok')
    const operations = await worker.takeKvOperations()
    const expected = await exportedLines(worker)
    assert.equal(expected.length, 6)
    const text = await (await (await worker.backups()).get('comments/2026-11-26.jsonl'))?.text()
    assert.ok(text === `${expected.join('\n')}\n`, 'the object holds exactly the export')
    assert.equal(operations.keysRead, 2)
    assert.equal(operations.list, 1)
  })

  test('an earlier backup changed by hand costs reads, never a wrong line', async () => {
    const bucket = await worker.backups()
    const lines = (await (await bucket.get('comments/2026-11-26.jsonl'))?.text())?.split('\n') ?? []
    // One line altered, one left out, the file cut off in the middle of its last line.
    const altered = lines[0]?.replace('पहली रात', 'बदली रात') ?? ''
    const cut = lines[5]?.slice(0, 20) ?? ''
    await bucket.put('comments/2026-11-26.jsonl', [altered, ...lines.slice(2, 5), cut].join('\n'))
    await worker.takeKvOperations()
    assert.equal(await worker.scheduled(new Date('2026-11-27T03:17:00Z')), 'ok')
    const operations = await worker.takeKvOperations()
    const expected = `${(await exportedLines(worker)).join('\n')}\n`
    const text = await (await bucket.get('comments/2026-11-27.jsonl'))?.text()
    assert.ok(text === expected, 'the object holds exactly the export')
    assert.equal(operations.keysRead, 3, 'the altered, the left-out and the cut-off comment')
  })
})

describe('a backup too big for one invocation goes on in steps until it is whole', () => {
  let worker: TestWorker

  before(async () => {
    // 150 comments a step: the 6 MiB below takes four steps, and a 5 MiB part spans two.
    worker = await startWorker({
      quiet: true,
      countKv: true,
      vars: { BACKUP_STEP_COMMENTS: '150' },
    })
    await storeLongComments(worker)
  })

  /** Runs the night's backup and waits for the queued steps to complete it; its text. */
  async function backUp(day: string): Promise<string> {
    assert.equal(await worker.scheduled(new Date(`${day}T03:17:00Z`)), 'ok')
    const bucket = await worker.backups()
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const object = await bucket.get(`comments/${day}.jsonl`)
      if (object) return object.text()
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.fail(`the backup of ${day} was not completed by the queued steps`)
  }
  after(async () => {
    await worker?.stop()
  })

  test('each step hands the next to the queue, and the last completes the same bytes', async () => {
    const expected = `${(await exportedLines(worker)).join('\n')}\n`
    await worker.takeKvOperations()
    const text = await backUp('2026-11-28')
    assert.equal(text.length, expected.length)
    assert.ok(text === expected, 'the object holds exactly the export')
    assert.equal(
      (await worker.takeKvOperations()).keysRead,
      600,
      'a first backup reads every comment',
    )
    const left = (await (await worker.backups()).list({ prefix: 'comments-in-progress/' })).objects
    assert.deepEqual(left, [], 'no step leaves its tail behind')
  })

  test('the next night copies the unchanged comments from it, step by step, reading none', async () => {
    const expected = `${(await exportedLines(worker)).join('\n')}\n`
    await worker.takeKvOperations()
    const text = await backUp('2026-11-29')
    assert.ok(text === expected, 'the object holds exactly the export')
    const operations = await worker.takeKvOperations()
    assert.equal(operations.keysRead, 0, 'no comment was read')
    assert.equal(operations.list, 4, 'one listing in each of the four steps')
  })
})
