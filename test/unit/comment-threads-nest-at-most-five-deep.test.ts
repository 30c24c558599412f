import assert from 'node:assert/strict'
import { it } from 'node:test'
import { maxThreadDepth, threadComments } from '../../src/comments/thread'
import type { CommentThread, PublicComment } from '../../src/comments/types'
import { feedLink } from '../../src/feeds/formats'
import { CommentList } from '../../src/pages/comment-list'

/** A chain of `n` comments, each replying to the one before. */
function chain(n: number): PublicComment[] {
  const id = (i: number) => String(i).padStart(19, '0')
  return Array.from({ length: n }, (_, i) => ({
    id: id(i),
    article: 'a',
    author: `author ${i}`,
    content: `text ${i}`,
    created: new Date(Date.UTC(2024, 10, 27, 0, i)).toISOString(),
    ...(i > 0 ? { parent: id(i - 1) } : {}),
  }))
}

function depth(threads: CommentThread[]): number {
  return threads.length === 0 ? 0 : 1 + Math.max(...threads.map((t) => depth(t.replies)))
}

it('nests replies at most five deep and shows deeper ones, in order, at the fifth level', () => {
  const threads = threadComments(chain(250))
  assert.equal(maxThreadDepth, 5)
  assert.equal(depth(threads), 5)
  let level = threads
  for (let i = 1; i < 5; i++) level = level[0]?.replies ?? []
  assert.deepEqual(
    level.map((t) => t.comment.content),
    Array.from({ length: 246 }, (_, i) => `text ${i + 4}`),
    'every deeper reply is kept, oldest first',
  )
})

it('renders a 250-reply chain as at most five nested lists', async () => {
  const html = String(
    await CommentList({
      threads: threadComments(chain(250)),
      language: 'hi',
      heldIds: [],
      links: {
        reply: (id) => `?replyto=${id}`,
        edit: (id) => `?edit=${id}`,
        editAction: (id) => `${id}/edit`,
        deleteAction: (id) => `${id}/delete`,
        replies: (comment) => feedLink(`${comment.id}/`, comment.author, 'rss'),
      },
    }),
  )
  let open = 0
  let deepest = 0
  for (const tag of html.match(/<\/?ol>/g) ?? []) {
    open += tag === '<ol>' ? 1 : -1
    deepest = Math.max(deepest, open)
  }
  assert.equal(deepest, 5)
  assert.equal((html.match(/class="comment"/g) ?? []).length, 250)
})
