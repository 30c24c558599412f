import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { commentFieldNames, recordFieldNames } from '../../src/comments/fields'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { adminCall, commentsPath, postJson, slug, validComment } from '../support/comments'
import { runScript } from '../support/run-script'

// test-runner: long (the comments CLI exports and imports through the API): started first, so the run does not end waiting for it.

/** Runs `npm run comments -- <args>` against the worker, with `input` on standard input. */
function comments(worker: TestWorker, args: string[], input?: string) {
  const { ADMIN_TOKEN: _token, SITE_URL: _url, ...inherited } = process.env
  return runScript('comments.ts', args, {
    env: { ...inherited, ADMIN_TOKEN: adminToken, SITE_URL: worker.origin },
    ...(input === undefined ? {} : { input }),
  })
}

/** Keys the view updater derives from the comments: rewritten by it, not by an import. */
const derived = ['v1:counts', 'v1:view-versions', 'v1:recent', 'v1:view:', 'v1:pending:']

/** Every comment key (not what readers' views derive) with its value and list metadata. */
async function snapshot(worker: TestWorker): Promise<Map<string, string>> {
  const kv = (await worker.kv()) as unknown as BulkKv
  const entries: Array<{ name: string; metadata?: unknown }> = []
  let cursor: string | undefined
  do {
    const page = await kv.list({ prefix: 'v1:', ...(cursor ? { cursor } : {}) })
    entries.push(...page.keys.filter((key) => !derived.some((d) => key.name.startsWith(d))))
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  const all = new Map<string, string>()
  // Bulk reads, 100 keys each: a few calls instead of one per key.
  for (let start = 0; start < entries.length; start += 100) {
    const slice = entries.slice(start, start + 100)
    const values = await kv.get(
      slice.map((entry) => entry.name),
      'text',
    )
    for (const { name, metadata } of slice) {
      all.set(name, JSON.stringify({ value: values.get(name), metadata: metadata ?? null }))
    }
  }
  return all
}

/** The KV binding's list (with metadata) and bulk get, as Miniflare hands it to tests. */
interface BulkKv {
  list(options: { prefix: string; cursor?: string }): Promise<{
    keys: Array<{ name: string; metadata?: unknown }>
    list_complete: boolean
    cursor?: string
  }>
  get(names: string[], type: 'text'): Promise<Map<string, string | null>>
}

async function wipe(worker: TestWorker): Promise<void> {
  const kv = await worker.kv()
  for (const name of await worker.kvKeys()) await kv.delete(name)
}

/**
 * The seed article's approved count once the view updater (a queue consumer) has
 * brought it to `expected`, or what it holds after five seconds of waiting.
 */
async function approvedCount(worker: TestWorker, expected: number): Promise<number> {
  const kv = await worker.kv()
  let count = -1
  for (let attempt = 0; attempt < 100 && count !== expected; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50))
    const counts = JSON.parse((await kv.get('v1:counts')) ?? '{"articles":{}}')
    count = counts.articles[slug] ?? 0
  }
  return count
}

describe('comment backups: npm run comments -- export / import', () => {
  let worker: TestWorker
  const approved: string[] = []
  let total = 0
  let edited = ''

  // 105 comments (more than one export page and one import batch) in every status:
  // replies, a URL, and a text too long for the list metadata.
  before(async () => {
    worker = await startWorker({ rateLimit: 1000, quiet: true })
    const post = async (overrides: Record<string, unknown>) => {
      const response = await postJson(worker, validComment(overrides))
      assert.equal(response.status, 201)
      total += 1
      return ((await response.json()) as { id: string }).id
    }
    const first = await post({ author: 'Ann', url: 'https://ann.example.org/', content: 'पहली' })
    await adminCall(worker, 'POST', `/admin/comments/${first}/approve`)
    approved.push(first)
    // A reply with a URL that its author then edited: a comment with every stored field.
    const posted = await postJson(
      worker,
      validComment({ url: 'https://bo.example/', content: 'पहले', parent: first }),
    )
    assert.equal(posted.status, 201)
    const { id, edit_token } = (await posted.json()) as { id: string; edit_token: string }
    const patched = await worker.fetch(`${commentsPath}/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${edit_token}` },
      body: JSON.stringify({ content: 'बाद में' }),
    })
    assert.equal(patched.status, 200)
    edited = id
    total += 1
    const reply = await post({ content: 'जवाब', parent: first })
    await adminCall(worker, 'POST', `/admin/comments/${reply}/approve`)
    approved.push(reply)
    const long = await post({ content: 'लंबी टिप्पणी '.repeat(300) })
    await adminCall(worker, 'POST', `/admin/comments/${long}/approve`)
    approved.push(long)
    const spam = await post({ content: 'buy now' })
    await adminCall(worker, 'POST', `/admin/comments/${spam}/spam`)
    for (let i = 0; i < 101; i += 1) await post({ content: `टिप्पणी ${i}` })
  })
  after(async () => {
    await worker?.stop()
  })

  test('export, wipe, import: every comment key is byte-identical to before, counts as before', async () => {
    const before = await snapshot(worker)
    assert.equal(before.size, total * 3, 'comment, list entry and duplicate key per comment')
    const exported = await comments(worker, ['export'])
    assert.equal(exported.code, 0, exported.stderr)
    const lines = exported.stdout.trimEnd().split('\n')
    assert.equal(lines.length, total)
    assert.match(exported.stderr, new RegExp(`^Exported ${total} comments from `))
    const statuses = new Set(lines.map((line) => (JSON.parse(line) as { status: string }).status))
    assert.deepEqual([...statuses].sort(), ['approved', 'pending', 'spam'])
    const editedLine = lines.find((line) => line.includes(`"id":"${edited}"`)) ?? '{}'
    // Every field a comment can be stored with, from the one list of fields.
    assert.deepEqual(
      Object.keys(JSON.parse(editedLine)).sort(),
      [...commentFieldNames, ...recordFieldNames].sort(),
    )

    await wipe(worker)
    assert.deepEqual(await worker.kvKeys(), [])
    const imported = await comments(worker, ['import'], exported.stdout)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(
      imported.stderr,
      new RegExp(`Imported ${total} comments .*: ${total} new, 0 already`),
    )

    const restored = await snapshot(worker)
    assert.deepEqual([...restored.keys()].sort(), [...before.keys()].sort())
    for (const [key, value] of before) assert.equal(restored.get(key), value, key)
    assert.equal(await approvedCount(worker, approved.length), approved.length)
    const shown = (await (await worker.fetch(commentsPath)).json()) as {
      comments: Array<{ id: string }>
    }
    assert.equal(
      JSON.stringify(shown).includes(approved[1] as string),
      true,
      'readers see the reply',
    )
  })

  test('importing the same backup twice adds nothing and keeps the counts right', async () => {
    const exported = await comments(worker, ['export'])
    const before = await snapshot(worker)
    const again = await comments(worker, ['import'], exported.stdout)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stderr, new RegExp(`: 0 new, ${total} already there`))
    assert.deepEqual(await snapshot(worker), before)
    assert.equal(await approvedCount(worker, approved.length), approved.length)
  })

  test('an import restores the status of the backup: a comment moderated since goes back', async () => {
    const exported = await comments(worker, ['export'])
    const id = approved[0] as string
    await adminCall(worker, 'POST', `/admin/comments/${id}/spam`)
    assert.equal(await approvedCount(worker, approved.length - 1), approved.length - 1)
    const restored = await comments(worker, ['import'], exported.stdout)
    assert.equal(restored.code, 0, restored.stderr)
    assert.deepEqual(await worker.kvKeys(`v1:list:spam:${slug}:${id}`), [])
    assert.deepEqual(await worker.kvKeys(`v1:list:approved:${slug}:${id}`), [
      `v1:list:approved:${slug}:${id}`,
    ])
    assert.equal(await approvedCount(worker, approved.length), approved.length)
  })

  test('an import of something that is not an exported comment is refused whole, naming the field', async () => {
    const before = await snapshot(worker)
    const good = JSON.stringify({
      id: '0000000000000000000',
      article: slug,
      author: 'A',
      email: 'a@example.org',
      content: 'x',
      created: '2024-01-01T00:00:00.000Z',
      status: 'approved',
      client: '',
    })
    const bad = JSON.stringify({ ...JSON.parse(good), id: 'nope', status: 'published' })
    const run = await comments(worker, ['import'], `${good}\n${bad}\n`)
    assert.equal(run.code, 1)
    assert.match(run.stderr, /lines 1–2: .*HTTP 422/)
    assert.match(run.stderr, /comments\[1\]\.id must be a comment id/)
    assert.match(run.stderr, /comments\[1\]\.status must be pending, approved or spam/)
    assert.deepEqual(await snapshot(worker), before, 'nothing of the batch was written')

    const notJson = await comments(worker, ['import'], `${good}\n{oops\n`)
    assert.equal(notJson.code, 2)
    assert.match(notJson.stderr, /line 2 is not JSON/)
  })

  test('an import refuses records that break the comment rules, naming each by index and reason', async () => {
    const before = await snapshot(worker)
    const good = {
      id: '0000000000000000000',
      article: slug,
      author: 'A',
      email: 'a@example.org',
      content: 'x',
      created: '2024-01-01T00:00:00.000Z',
      status: 'approved',
      client: '',
    }
    const bad = {
      ...good,
      author: 'Mallory\n\u202Egnp.exe',
      email: 'not an address',
      content: 'x'.repeat(30_000),
    }
    const response = await worker.fetch('/admin/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ comments: [good, bad] }),
    })
    assert.equal(response.status, 422)
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
    const { errors } = (await response.json()) as {
      errors: Array<{ index: number; field: string; code: string; message: string }>
    }
    assert.deepEqual(errors, [
      {
        index: 1,
        field: 'comments[1].author',
        code: 'single_line',
        message: 'comments[1].author must be a single line',
      },
      {
        index: 1,
        field: 'comments[1].email',
        code: 'invalid_email',
        message: 'comments[1].email must be a valid e-mail address',
      },
      {
        index: 1,
        field: 'comments[1].content',
        code: 'too_long',
        message: 'comments[1].content is too long',
      },
    ])
    assert.deepEqual(await snapshot(worker), before, 'nothing of the batch was written')
  })

  test('the admin API answers export and import only with the token', async () => {
    assert.equal((await adminCall(worker, 'GET', '/admin/export', 'wrong')).status, 401)
    const response = await worker.fetch('/admin/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"comments":[]}',
    })
    assert.equal(response.status, 401)
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8')
  })
})
