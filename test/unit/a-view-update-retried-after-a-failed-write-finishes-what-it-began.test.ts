import assert from 'node:assert/strict'
import { it } from 'node:test'
import { applyViewChanges, type ViewUpdaterStore } from '../../src/comments/store/readers-view'
import {
  type ArticleView,
  type CommentCounts,
  emptyView,
  type RecentComments,
  type ViewVersions,
} from '../../src/comments/store/views'
import type { StoredComment } from '../../src/comments/types'

type Write = 'view' | 'versions' | 'counts' | 'recent'

/** The view updater's part of the store, in memory; `failing` makes one kind of write throw once. */
class UpdaterKv implements ViewUpdaterStore {
  readonly comments = new Map<string, StoredComment>()
  readonly views = new Map<string, ArticleView>()
  versionsValue: ViewVersions = { since: null, views: {} }
  countsValue: CommentCounts = { updated: null, articles: {} }
  recentValue: RecentComments = emptyView
  failing: Write | undefined

  private write(kind: Write): void {
    if (this.failing !== kind) return
    this.failing = undefined
    throw new Error('KV PUT failed: 429 Too Many Requests')
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => this.comments.get(id) ?? []).map((c) => [c.id, c]))
  }
  async view(article: string) {
    return structuredClone(this.views.get(article) ?? emptyView)
  }
  async pendingIds() {
    return []
  }
  async versions() {
    return structuredClone(this.versionsValue)
  }
  async counts() {
    return structuredClone(this.countsValue)
  }
  async recent() {
    return structuredClone(this.recentValue)
  }
  async writeView(article: string, view: ArticleView) {
    this.write('view')
    this.views.set(article, structuredClone(view))
  }
  async writePending() {}
  async writeVersions(versions: ViewVersions) {
    this.write('versions')
    this.versionsValue = structuredClone(versions)
  }
  async writeCounts(counts: CommentCounts) {
    this.write('counts')
    this.countsValue = structuredClone(counts)
  }
  async writeRecent(recent: RecentComments) {
    this.write('recent')
    this.recentValue = structuredClone(recent)
  }
}

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
    assert.equal(kv.versionsValue.views.hello, view?.updated)
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
