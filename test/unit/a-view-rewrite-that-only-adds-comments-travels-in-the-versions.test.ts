import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyViewChanges } from '../../src/comments/store/readers-view'
import {
  type ArticleView,
  addedBytesKept,
  emptyView,
  nextVersions,
  type ViewAddition,
  versionOf,
  viewHold,
  viewMadeOfAddition,
  viewWithAddition,
} from '../../src/comments/store/views'
import type { StoredComment } from '../../src/comments/types'
import { UpdaterKv } from '../support/updater-kv'

const now = new Date('2026-12-07T09:00:00.000Z')
const later = (ms: number) => new Date(now.getTime() + ms)

function stored(id: string, article = 'hello', status: StoredComment['status'] = 'approved') {
  const comment: StoredComment = {
    id,
    article,
    author: 'सुनीता',
    email: 'sunita@example.in',
    content: `टिप्पणी ${id}: हिंदी में एक लंबी राय`,
    created: '2026-12-07T08:59:00.000Z',
    status,
    client: '0123456789abcdef0123456789abcdef',
  }
  return comment
}

/** Stores `comments` as they are now and runs the view updater over them at `at`. */
async function moderate(kv: UpdaterKv, comments: StoredComment[], at: Date) {
  for (const comment of comments) kv.comments.set(comment.id, comment)
  return applyViewChanges(
    kv,
    comments.map(({ article, id }) => ({ article, id })),
    at,
  )
}

const viewOf = (kv: UpdaterKv, article = 'hello'): ArticleView => kv.views.get(article) ?? emptyView

describe('the view updater', () => {
  it('names what an approval added beside the new version, and the version before', async () => {
    const kv = new UpdaterKv()
    await moderate(kv, [stored('0mxa0000000000000b1')], now)
    const first = viewOf(kv)
    assert.deepEqual(kv.versionsValue.added?.hello, {
      from: null,
      to: first.updated,
      comments: first.comments,
    })
    // An older comment approved later goes before the newer one, as in the view.
    await moderate(
      kv,
      [stored('0mxa0000000000000a9'), stored('0mxa0000000000000c1')],
      later(60_000),
    )
    const second = viewOf(kv)
    const addition = kv.versionsValue.added?.hello
    assert.ok(addition, 'the second approval is named too')
    assert.equal(addition.from, first.updated)
    assert.deepEqual(viewWithAddition(first, addition), second, 'the view the updater wrote')
    assert.deepEqual(
      second.comments.map((c) => c.id),
      ['0mxa0000000000000a9', '0mxa0000000000000b1', '0mxa0000000000000c1'],
    )
  })

  it('names no addition where a rewrite withdrew or changed a comment readers saw', async () => {
    const kv = new UpdaterKv()
    await moderate(kv, [stored('0mxa0000000000000b1'), stored('0mxa0000000000000b2')], now)
    assert.ok(kv.versionsValue.added?.hello)
    await moderate(kv, [stored('0mxa0000000000000b1', 'hello', 'spam')], later(60_000))
    assert.equal(versionOf(kv.versionsValue, 'hello'), viewOf(kv).updated)
    assert.equal(kv.versionsValue.added, undefined, 'readers read the view itself again')
    // An edit of a shown comment and a new one in one batch: not an addition either.
    const edited = { ...stored('0mxa0000000000000b2'), content: 'बदली हुई राय' }
    await moderate(kv, [edited, stored('0mxa0000000000000b3')], later(120_000))
    assert.equal(kv.versionsValue.added, undefined)
  })

  it('carries only its own run’s additions, never one of an earlier run', async () => {
    const kv = new UpdaterKv()
    await moderate(kv, [stored('0mxa0000000000000b1', 'other')], now)
    assert.ok(kv.versionsValue.added?.other)
    // An addition lives one run: a later one's versions never carry it on.
    await moderate(kv, [stored('0mxa0000000000000b2')], later(60_000))
    assert.deepEqual(Object.keys(kv.versionsValue.added ?? {}), ['hello'])
    assert.ok(versionOf(kv.versionsValue, 'other'), 'the other article’s version stays')
  })

  it('leaves a withdrawal’s failed run undone by readers only until a run succeeds', async () => {
    const kv = new UpdaterKv()
    const shown = stored('0mxa0000000000000b1')
    await moderate(kv, [shown], now)
    const approvedVersion = viewOf(kv).updated
    // The withdrawal's view is rewritten, and then its run fails (a KV 429): the
    // versions still name the version with the comment, and its addition.
    kv.failing = 'counts'
    await assert.rejects(moderate(kv, [{ ...shown, status: 'spam' }], later(60_000)))
    assert.deepEqual(viewOf(kv).comments, [])
    assert.equal(versionOf(kv.versionsValue, 'hello'), approvedVersion)
    assert.ok(kv.versionsValue.added?.hello)
    // Any next run that rewrites the versions carries that addition no further.
    await moderate(kv, [stored('0mxa0000000000000c1', 'other')], later(61_000))
    assert.equal(kv.versionsValue.added?.hello, undefined)
    // The queue's retry names the withdrawal.
    await moderate(kv, [{ ...shown, status: 'spam' }], later(65_000))
    assert.equal(versionOf(kv.versionsValue, 'hello'), viewOf(kv).updated)
    assert.notEqual(viewOf(kv).updated, approvedVersion)
  })
})

describe('the additions the versions carry', () => {
  const addition = (to: Date, from: string | null, size = 10): ViewAddition => ({
    from,
    to: to.toISOString(),
    comments: [{ ...stored(`0mxa${to.getTime()}`), content: 'क'.repeat(size) }].map(
      ({ id, article, author, content, created }) => ({ id, article, author, content, created }),
    ),
  })
  const changed = (entries: Array<[string, ViewAddition]>) =>
    new Map(entries.map(([article, a]) => [article, { updated: a.to, comments: a.comments }]))

  it('leave out an addition of a version the run does not name', () => {
    const old = addition(now, null)
    const first = nextVersions(
      { since: null, views: '' },
      changed([['old', old]]),
      new Map([['old', old]]),
      now,
    )
    assert.ok(first.added?.old)
    const gone = nextVersions(first, new Map(), new Map(), later(1))
    assert.equal(gone.added, undefined, 'the next run carries none of it')
    assert.equal(versionOf(gone, 'old'), old.to, 'the version itself stays for the day')
    const other = nextVersions(
      { since: null, views: '' },
      changed([['old', addition(later(5), old.to)]]),
      new Map([['old', old]]),
      later(6),
    )
    assert.equal(other.added, undefined)
  })

  it('keep those that fit in their bytes in the run’s order, and leave out one too large alone', () => {
    // Devanagari takes three bytes a letter: each of these is a little under a third of the room.
    const size = Math.floor((addedBytesKept / 3 - 300) / 3)
    const entries: Array<[string, ViewAddition]> = [1, 2, 3, 4].map((n) => [
      `a${n}`,
      addition(later(n), null, size),
    ])
    entries.push(['huge', addition(later(5), null, addedBytesKept)])
    const next = nextVersions(
      { since: null, views: '' },
      changed(entries),
      new Map(entries),
      later(9),
    )
    assert.deepEqual(Object.keys(next.added ?? {}).sort(), ['a1', 'a2', 'a3'])
    const bytes = new TextEncoder().encode(JSON.stringify(next.added)).length
    assert.ok(bytes <= addedBytesKept, `${bytes} bytes`)
  })
})

/** A view, and an addition of a comment posted after its one comment. */
const base: ArticleView = {
  updated: '2026-12-07T08:00:00.000Z',
  comments: [{ id: '0mxa1', article: 'hello', author: 'क', content: 'पहली', created: 'x' }],
}
const addedAfter: ViewAddition = {
  from: base.updated,
  to: '2026-12-07T08:05:00.000Z',
  comments: [{ id: '0mxa2', article: 'hello', author: 'ख', content: 'दूसरी', created: 'y' }],
}

describe('a view made of the version before and an addition', () => {
  // A comment posted before the one shown, approved after it.
  const addition: ViewAddition = {
    ...addedAfter,
    comments: addedAfter.comments.map((comment) => ({ ...comment, id: '0mxa0' })),
  }

  it('is the base with the comments in place and the new version', () => {
    assert.deepEqual(viewWithAddition(base, addition), {
      updated: addition.to,
      comments: [...addition.comments, ...base.comments],
    })
  })

  it('is refused of another version, or of a base already holding an added comment', () => {
    assert.equal(
      viewWithAddition({ ...base, updated: '2026-12-07T07:00:00.000Z' }, addition),
      undefined,
    )
    assert.equal(viewWithAddition(emptyView, addition), undefined)
    const holding = { ...base, comments: [...base.comments, ...addition.comments] }
    assert.equal(viewWithAddition(holding, addition), undefined)
  })

  it('is offered to readers only where the addition made the version the versions name', () => {
    const versions = {
      since: null,
      views: `\nhello ${addition.to}`,
      added: { hello: addition },
    }
    assert.deepEqual(viewHold(versions, 'hello', now.getTime()).addition, addition)
    const moved = { ...versions, views: '\nhello 2026-12-07T08:06:00.000Z' }
    assert.equal(viewHold(moved, 'hello', now.getTime()).addition, undefined)
  })
})

describe('a view a data centre makes of an addition', () => {
  const before = base
  const addition = addedAfter
  const made = { updated: addition.to, comments: [...before.comments, ...addition.comments] }
  /** What the data centre keeps of the article's view, by name; the names asked for. */
  const keeping = (copies: Record<string, ArticleView>) => {
    const asked: string[] = []
    const kept = async (tag: string) => {
      asked.push(tag)
      const copy = copies[tag]
      return copy ? JSON.stringify(copy) : undefined
    }
    return { asked, kept }
  }

  it('takes the copy of the version before', async () => {
    const { asked, kept } = keeping({ [addition.from ?? '']: before })
    assert.deepEqual(await viewMadeOfAddition(addition, kept), made)
    assert.deepEqual(asked, [addition.from])
  })

  it('takes a copy kept as unchanged when it is that version', async () => {
    const { asked, kept } = keeping({ unchanged: before })
    assert.deepEqual(await viewMadeOfAddition(addition, kept), made)
    assert.deepEqual(asked, [addition.from, 'unchanged'])
  })

  it('makes none of a copy at another version, or of nothing kept: the view is read', async () => {
    const older = { ...before, updated: '2026-12-07T07:00:00.000Z' }
    assert.equal(await viewMadeOfAddition(addition, keeping({ unchanged: older }).kept), undefined)
    assert.equal(await viewMadeOfAddition(addition, keeping({}).kept), undefined)
  })

  it('needs no copy for an article’s first comments', async () => {
    const first = { ...addition, from: null }
    const { asked, kept } = keeping({})
    assert.deepEqual(await viewMadeOfAddition(first, kept), {
      updated: first.to,
      comments: first.comments,
    })
    assert.deepEqual(asked, [])
  })
})
