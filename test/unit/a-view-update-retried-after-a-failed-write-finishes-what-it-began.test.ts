import assert from 'node:assert/strict'
import { it } from 'node:test'
import { applyViewChanges } from '../../src/comments/store/readers-view'
import { versionOf } from '../../src/comments/store/views'
import type { StoredComment } from '../../src/comments/types'
import { UpdaterKv } from '../support/updater-kv'

const now = new Date('2026-12-03T09:00:00.000Z')

function approved(id: string): StoredComment {
  return {
    id,
    article: 'hello',
    author: 'सुनीता',
    email: 'sunita@example.in',
    content: `टिप्पणी ${id}`,
    created: '2026-12-03T08:59:00.000Z',
    status: 'approved',
    client: '0123456789abcdef0123456789abcdef',
  }
}

for (const failing of ['versions', 'counts', 'recent'] as const) {
  it(`names the view, counts it and lists it when the batch is retried after its ${failing} write failed`, async () => {
    const kv = new UpdaterKv()
    const comment = approved('0mxa00000000000000a')
    kv.comments.set(comment.id, comment)
    kv.failing = failing
    const batch = [{ article: 'hello', id: comment.id }]
    await assert.rejects(applyViewChanges(kv, batch, now))
    // The queue retries the whole batch; the view was written by the first try.
    const retried = await applyViewChanges(kv, batch, new Date(now.getTime() + 5_000))
    assert.deepEqual(retried.articles, ['hello'], 'readers’ caches of it are dropped')
    const view = kv.views.get('hello')
    assert.equal(versionOf(kv.versionsValue, 'hello'), view?.updated)
    assert.equal(kv.countsValue.articles.hello, 1)
    assert.deepEqual(
      kv.recentValue.comments.map((c) => c.id),
      [comment.id],
    )
    // A third delivery of the same message changes nothing.
    const again = await applyViewChanges(kv, batch, new Date(now.getTime() + 10_000))
    assert.deepEqual(again.articles, [])
  })
}
