import assert from 'node:assert/strict'
import { after, before, describe, it, mock } from 'node:test'
import { type Loaded, Memo } from '../../src/comments/store/memo'
import { memoWindows } from '../../src/comments/store/memo-windows'
import { PublicComments, type ReadersStore } from '../../src/comments/store/public-comments'
import {
  type ArticleView,
  type CommentCounts,
  emptyView,
  nextVersions,
  noVersions,
  type ReadersView,
  type RecentComments,
  type ViewHold,
  type ViewVersions,
  versionEntries,
  versionOf,
} from '../../src/comments/store/views'
import type { PublicComment } from '../../src/comments/types'

/**
 * KV as readers read it through the store: the view versions and each article's
 * view, each read counted. `views` is what this location's KV holds, which may
 * lag behind the versions (KV carries a write to other locations within 60 s).
 */
class ReadersKv implements ReadersStore {
  versions: ViewVersions = noVersions
  readonly views = new Map<string, ArticleView>()
  reads = 0

  async readersVersions(): Promise<Loaded<ViewVersions>> {
    this.reads++
    return { value: structuredClone(this.versions), readAt: Date.now() }
  }
  async readersView(article: string, hold: ViewHold): Promise<ReadersView> {
    this.reads++
    const view = structuredClone(this.views.get(article) ?? emptyView)
    const current = hold.version === undefined || view.updated === hold.version
    return { value: view, readAt: Date.now(), current }
  }
  async readersCounts(): Promise<Loaded<CommentCounts>> {
    throw new Error('not read by article views')
  }
  async readersRecent(): Promise<Loaded<RecentComments>> {
    throw new Error('not read by article views')
  }

  /** What the view updater writes when `article`'s comments become `ids`, now. */
  change(article: string, ids: string[]): void {
    const view = { updated: new Date().toISOString(), comments: ids.map(comment(article)) }
    this.views.set(article, view)
    this.versions = nextVersions(this.versions, new Map([[article, view]]), new Map(), new Date())
  }

  /** Reads since the last call. */
  take(): number {
    const reads = this.reads
    this.reads = 0
    return reads
  }
}

const comment =
  (article: string) =>
  (id: string): PublicComment => ({
    id,
    article,
    author: 'सुनीता',
    content: `टिप्पणी ${id}`,
    created: '2026-12-01T08:00:00.000Z',
  })

const day0 = Date.parse('2026-12-01T08:00:00.000Z')
const pastTheWindow = memoWindows.commentsMs + 1_000

describe('an article’s view, as an isolate reads it', () => {
  const kv = new ReadersKv()
  const readers = new PublicComments(kv)
  const shown = async (article: string) =>
    (await readers.forArticle(article)).approved.map((c) => c.id)

  before(() => mock.timers.enable({ apis: ['Date'], now: day0 }))
  after(() => mock.timers.reset())

  it('is read once per version, while the versions are read once per window', async () => {
    kv.change('versioned-story', ['a'])
    assert.deepEqual(await shown('versioned-story'), ['a'])
    assert.equal(kv.take(), 2, 'the versions, then the view at its version')
    assert.deepEqual(await shown('versioned-story'), ['a'])
    assert.equal(kv.take(), 0)
    mock.timers.tick(pastTheWindow)
    assert.deepEqual(await shown('versioned-story'), ['a'])
    assert.equal(kv.take(), 1, 'the versions again, the view not: its version is the same')
    mock.timers.tick(1_000)
    kv.change('versioned-story', ['a', 'b'])
    mock.timers.tick(pastTheWindow)
    assert.deepEqual(await shown('versioned-story'), ['a', 'b'])
    assert.equal(kv.take(), 2, 'a new version is read as soon as the versions name it')
  })

  it('is kept only the window while the versions are less than a day old', async () => {
    // The first version ever written: the key cannot yet vouch for articles it does not name.
    kv.change('first-story', ['f'])
    kv.views.set('older-story', { updated: '2026-11-01T00:00:00.000Z', comments: [] })
    mock.timers.tick(pastTheWindow)
    kv.take()
    assert.deepEqual(await shown('older-story'), [])
    assert.equal(kv.take(), 2)
    mock.timers.tick(pastTheWindow)
    assert.deepEqual(await shown('older-story'), [])
    assert.equal(kv.take(), 2, 'the versions and the view again, as before versions were kept')
  })

  it('is kept nearly a day (an hour less) when the versions do not name it, then read again', async () => {
    kv.change('quiet-story', ['q'])
    mock.timers.tick(memoWindows.versionsListedMs + 1_000)
    // Any later change leaves out the versions of views unchanged for a day.
    kv.change('busy-story', ['x'])
    assert.equal(versionOf(kv.versions, 'quiet-story'), undefined)
    mock.timers.tick(pastTheWindow)
    kv.take()
    assert.deepEqual(await shown('quiet-story'), ['q'])
    assert.equal(kv.take(), 2)
    mock.timers.tick(pastTheWindow)
    assert.deepEqual(await shown('quiet-story'), ['q'])
    assert.equal(kv.take(), 1, 'the versions only')
    mock.timers.tick(memoWindows.viewsMs)
    assert.deepEqual(await shown('quiet-story'), ['q'])
    assert.equal(kv.take(), 2, 'the view again after its time')
  })

  it('shows a view KV has not yet carried here, and reads it again after the window', async () => {
    kv.change('lagging-story', ['l1'])
    const older = kv.views.get('lagging-story')
    mock.timers.tick(1_000)
    kv.change('lagging-story', ['l1', 'l2'])
    const newer = kv.views.get('lagging-story')
    if (!older || !newer) throw new Error('the fake lost a view')
    kv.views.set('lagging-story', older)
    mock.timers.tick(pastTheWindow)
    kv.take()
    assert.deepEqual(await shown('lagging-story'), ['l1'])
    assert.equal(kv.take(), 2)
    kv.views.set('lagging-story', newer)
    assert.deepEqual(await shown('lagging-story'), ['l1'], 'kept for the window, as any read')
    assert.equal(kv.take(), 0)
    mock.timers.tick(pastTheWindow)
    assert.deepEqual(await shown('lagging-story'), ['l1', 'l2'])
    assert.equal(kv.take(), 2, 'the versions, and the view again: the older one was not kept')
  })
})

describe('the view versions', () => {
  it('add each changed view’s version and leave out those a day old', () => {
    const now = new Date(day0)
    const dayOld = new Date(day0 - memoWindows.versionsListedMs - 1).toISOString()
    const recent = new Date(day0 - 60_000).toISOString()
    const next = nextVersions(
      { since: null, views: `\nstale ${dayOld}\nfresh ${recent}` },
      new Map([['changed', { updated: now.toISOString(), comments: [] }]]),
      new Map(),
      now,
    )
    assert.deepEqual(
      [...versionEntries(next.views)],
      [
        ['changed', now.toISOString()],
        ['fresh', recent],
      ],
    )
    assert.equal(next.views, `\nchanged ${now.toISOString()}\nfresh ${recent}`, 'sorted by slug')
    assert.equal(next.since, now.toISOString(), 'the first write marks since when the key vouches')
    assert.equal(
      nextVersions(next, new Map(), new Map(), new Date(day0 + 1)).since,
      now.toISOString(),
    )
  })
})

describe('a version looked up in the versions', () => {
  const views = '\nstory 2026-12-01T08:00:00.000Z\nstory-two 2026-12-01T09:00:00.000Z'

  it('is the one named for exactly that slug, at the start, middle or end', () => {
    assert.equal(versionOf({ since: null, views }, 'story'), '2026-12-01T08:00:00.000Z')
    assert.equal(versionOf({ since: null, views }, 'story-two'), '2026-12-01T09:00:00.000Z')
    assert.equal(versionOf({ since: null, views }, 'two'), undefined)
    assert.equal(versionOf({ since: null, views }, 'story-t'), undefined)
    assert.equal(versionOf({ since: null, views }, ''), undefined)
    assert.equal(versionOf({ since: null, views }, 'story 2026-12-01T08:00:00.000Z'), undefined)
  })

  it('finds every article of a large day’s versions, and none it does not name', () => {
    const named = new Map<string, string>()
    for (let n = 0; n < 3_000; n++) {
      // Slugs of every length and order, as kebab-case allows.
      const slug = `${(n * 7919) % 3_001}-${'x'.repeat(n % 13)}story`
      named.set(slug, new Date(day0 + n * 1_000).toISOString())
    }
    const versions = nextVersions(
      { since: null, views: '' },
      new Map([...named].map(([slug, updated]) => [slug, { updated, comments: [] }])),
      new Map(),
      new Date(day0 + 3_000_000),
    )
    for (const [slug, version] of named) assert.equal(versionOf(versions, slug), version, slug)
    for (const absent of [
      '0',
      '0-',
      '999999-story',
      'a',
      'zzz',
      '1-xstor',
      '1-xstoryy',
      '-story',
    ]) {
      assert.equal(versionOf(versions, absent), named.get(absent), absent)
    }
    assert.equal(versionOf(noVersions, 'story'), undefined)
    assert.equal(
      versionOf({ since: null, views: '\nonly 2026-12-01T08:00:00.000Z' }, 'only'),
      '2026-12-01T08:00:00.000Z',
    )
  })

  it('finds nothing for a slug named like an object property', () => {
    assert.equal(versionOf({ since: null, views }, 'constructor'), undefined)
    assert.equal(versionOf({ since: null, views }, 'length'), undefined)
  })
})

describe('the memo of an article’s view', () => {
  it('holds one version per article: a new one replaces the older', async () => {
    const memo = new Memo<string>(60_000, 10)
    let loads = 0
    const load = (value: string) => async () => {
      loads++
      return { value, readAt: Date.now() }
    }
    await memo.get('story', load('one'), Date.now(), 'v1')
    await memo.get('story', load('one'), Date.now(), 'v1')
    assert.equal(loads, 1)
    assert.equal(await memo.get('story', load('two'), Date.now(), 'v2'), 'two')
    assert.equal(await memo.get('story', load('one'), Date.now(), 'v1'), 'one')
    assert.equal(loads, 3, 'the first version was dropped for the second')
  })
})
