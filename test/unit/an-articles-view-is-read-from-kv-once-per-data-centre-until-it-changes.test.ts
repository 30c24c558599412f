import assert from 'node:assert/strict'
import { after, before, describe, it, mock } from 'node:test'
import { DataCentreCache } from '../../src/comments/store/data-centre-cache'
import { keys } from '../../src/comments/store/keys'
import { memoWindows } from '../../src/comments/store/memo-windows'
import { PublicComments } from '../../src/comments/store/public-comments'
import { applyViewChanges, nextVersions } from '../../src/comments/store/readers-view'
import { CommentStore } from '../../src/comments/store/store'
import type { StoredComment } from '../../src/comments/types'
import { FakeCache } from '../support/fake-cache'

/** Workers KV as the store uses it, in memory, counting the keys read (what KV bills). */
class FakeKv {
  readonly values = new Map<string, string>()
  reads = 0
  async get(key: string | string[], type?: 'json'): Promise<unknown> {
    const one = (name: string) => {
      this.reads++
      const text = this.values.get(name) ?? null
      return type === 'json' && text !== null ? JSON.parse(text) : text
    }
    return Array.isArray(key) ? new Map(key.map((name) => [name, one(name)])) : one(key)
  }
  async put(key: string, value: string): Promise<void> {
    this.values.set(key, value)
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key)
  }
  /** Reads since the last call. */
  take(): number {
    const reads = this.reads
    this.reads = 0
    return reads
  }
}

const day0 = Date.parse('2026-12-01T08:00:00.000Z')
const secondsLater = memoWindows.commentsMs + 1_000

function approved(article: string, n: number, created: number): StoredComment {
  return {
    id: `0${created.toString(36)}${n}`,
    article,
    author: 'सुनीता',
    email: 'sunita@example.in',
    content: `टिप्पणी ${n}`,
    created: new Date(created).toISOString(),
    status: 'approved',
    client: '0123456789abcdef0123456789abcdef',
  }
}

describe('an article’s view for readers', () => {
  const kv = new FakeKv()
  // Only its parts the store calls are faked.
  const store = new CommentStore(
    kv as unknown as KVNamespace,
    new DataCentreCache(new FakeCache(), 'https://news.example'),
  )
  const readers = new PublicComments(store)

  /** Stores `comment` and runs the view updater on it at the mocked instant. */
  async function approve(comment: StoredComment): Promise<void> {
    kv.values.set(keys.comment(comment.id), JSON.stringify(comment))
    await applyViewChanges(store, [{ article: comment.article, id: comment.id }], new Date())
    kv.take()
  }
  const shown = async (article: string) =>
    (await readers.forArticle(article)).approved.value.map((comment) => comment.id)

  before(() => mock.timers.enable({ apis: ['Date'], now: day0 }))
  after(() => mock.timers.reset())

  it('is read once per version, while the versions are read once per window', async () => {
    const first = approved('versioned-story', 1, day0)
    await approve(first)
    assert.deepEqual(await shown('versioned-story'), [first.id])
    assert.equal(kv.take(), 2, 'the versions, then the view at its version')
    mock.timers.tick(secondsLater)
    assert.deepEqual(await shown('versioned-story'), [first.id])
    assert.equal(kv.take(), 1, 'the versions again, the view not: its version is the same')

    const second = approved('versioned-story', 2, Date.now())
    await approve(second)
    mock.timers.tick(secondsLater)
    assert.deepEqual(await shown('versioned-story'), [first.id, second.id])
    assert.equal(kv.take(), 2, 'a new version is read as soon as the versions say so')
  })

  it('is kept for half a day when it has not changed for a day, then read again', async () => {
    const old = approved('quiet-story', 1, Date.now())
    await approve(old)
    mock.timers.tick(memoWindows.versionsListedMs + 1_000)
    // Any later change prunes the versions of views unchanged for a day.
    await approve(approved('busy-story', 1, Date.now()))
    mock.timers.tick(secondsLater)
    const versions = (await store.versions()).views
    assert.equal(versions['quiet-story'], undefined)
    assert.ok(versions['busy-story'])
    kv.take()
    assert.deepEqual(await shown('quiet-story'), [old.id])
    assert.equal(kv.take(), 2)
    mock.timers.tick(secondsLater)
    assert.deepEqual(await shown('quiet-story'), [old.id])
    assert.equal(kv.take(), 1, 'the versions only')
    mock.timers.tick(memoWindows.viewsMs)
    assert.deepEqual(await shown('quiet-story'), [old.id])
    assert.equal(kv.take(), 2, 'the view again after its half day')
  })

  it('shows a view KV has not yet carried here, without keeping it past the window', async () => {
    const key = keys.view('lagging-story')
    const first = approved('lagging-story', 1, Date.now())
    await approve(first)
    const older = kv.values.get(key) ?? ''
    mock.timers.tick(1_000)
    const second = approved('lagging-story', 2, Date.now())
    await approve(second)
    const newer = kv.values.get(key) ?? ''
    // This location's KV still holds the older view where the versions name the newer.
    kv.values.set(key, older)
    mock.timers.tick(secondsLater)
    assert.deepEqual(await shown('lagging-story'), [first.id])
    assert.equal(kv.take(), 2)
    kv.values.set(key, newer)
    mock.timers.tick(secondsLater)
    assert.deepEqual(await shown('lagging-story'), [first.id, second.id])
    assert.equal(kv.take(), 2, 'the versions, and the view again: the older one was not kept')
  })
})

describe('the view versions', () => {
  it('add each changed view’s version and leave out those a day old', () => {
    const now = new Date(day0)
    const dayOld = new Date(day0 - memoWindows.versionsListedMs - 1).toISOString()
    const recent = new Date(day0 - 60_000).toISOString()
    const next = nextVersions(
      { views: { stale: dayOld, fresh: recent } },
      new Map([['changed', { updated: now.toISOString(), comments: [] }]]),
      now,
    )
    assert.deepEqual(next.views, { fresh: recent, changed: now.toISOString() })
  })
})
