import assert from 'node:assert/strict'
import { it } from 'node:test'
import { Memo } from '../../src/comments/store/memo'
import { memoWindows } from '../../src/comments/store/memo-windows'
import { cacheControl } from '../../src/http/cache-control'

it('keeps the feeds’ counts for the feeds’ max-age, and comments for theirs', async () => {
  assert.equal(memoWindows.countsMs, 300_000)
  assert.match(cacheControl.feed, /max-age=300\b/)
  assert.equal(memoWindows.commentsMs, 30_000)
  assert.match(cacheControl.comments, /max-age=30\b/)
  let loads = 0
  const load = async () => ({ value: ++loads, readAt: Date.now() })
  const counts = new Memo<number>(memoWindows.countsMs, 1)
  // `get` takes the instant it is asked at; each load says when it read, here Date.now().
  const start = Date.now()
  await counts.get('all', load, start)
  await counts.get('all', load, start + memoWindows.commentsMs)
  await counts.get('all', load, start + memoWindows.countsMs - 1_000)
  assert.equal(loads, 1)
  await counts.get('all', load, Date.now() + memoWindows.countsMs)
  assert.equal(loads, 2)
})
