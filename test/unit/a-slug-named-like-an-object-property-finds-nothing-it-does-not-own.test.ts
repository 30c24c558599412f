import assert from 'node:assert/strict'
import { it } from 'node:test'
import { memoWindows } from '../../src/comments/store/memo-windows'
import { viewHold } from '../../src/comments/store/views'
import { ownEntry } from '../../src/lib/own-entry'

it('finds only a record’s own entries, never what Object’s prototype holds', () => {
  const parsed = JSON.parse('{"a-story": 3}') as Record<string, number>
  assert.equal(ownEntry(parsed, 'a-story'), 3)
  for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
    assert.equal(ownEntry(parsed, key), undefined, key)
  }
})

it('holds the view of an article named `constructor` as any article the versions do not name', () => {
  const since = new Date(Date.now() - memoWindows.versionsListedMs - 1).toISOString()
  const hold = viewHold({ since, views: `\na-story ${since}` }, 'constructor', Date.now())
  assert.deepEqual(hold, { tag: 'unchanged', keptMs: memoWindows.viewsMs })
})
