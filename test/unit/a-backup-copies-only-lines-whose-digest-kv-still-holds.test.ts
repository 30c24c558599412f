import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type BackupLine, unchangedLines } from '../../src/comments/backups/unchanged-lines'
import { textDigest } from '../../src/lib/text-digest'

const line = (id: string, content: string): BackupLine => ({
  id,
  text: JSON.stringify({ id, content }),
  start: 0,
})

describe('a backup copies only lines whose digest KV still holds', () => {
  const earlier = [line('a1', 'पहली'), line('b2', 'दूसरी'), line('d4', 'चौथी')]

  test('an unchanged comment is copied, a changed, new or undigested one is read', () => {
    const listed = [
      { id: 'a1', digest: textDigest(earlier[0]?.text ?? '') },
      { id: 'b2', digest: textDigest(JSON.stringify({ id: 'b2', content: 'बदली हुई' })) },
      { id: 'c3', digest: textDigest(JSON.stringify({ id: 'c3', content: 'नई' })) },
      { id: 'd4' },
    ]
    assert.deepEqual(unchangedLines(listed, earlier), [
      earlier[0]?.text,
      undefined,
      undefined,
      undefined,
    ])
  })

  test('a comment deleted since is passed over, and the lines after it still match', () => {
    const listed = [{ id: 'd4', digest: textDigest(earlier[2]?.text ?? '') }]
    assert.deepEqual(unchangedLines(listed, earlier), [earlier[2]?.text])
  })

  test('a line out of id order costs a read, never a wrong line', () => {
    const shuffled = [earlier[2], earlier[0], earlier[1]] as BackupLine[]
    const listed = earlier.map(({ id, text }) => ({ id, digest: textDigest(text) }))
    const found = unchangedLines(listed, shuffled)
    for (const [i, text] of found.entries()) {
      if (text !== undefined) assert.equal(text, earlier[i]?.text)
    }
    assert.ok(found.includes(undefined))
  })

  test('the digest tells texts one character apart, Devanagari included', () => {
    assert.notEqual(textDigest('टिप्पणी'), textDigest('टिप्पणि'))
    assert.notEqual(textDigest('{"a":1}'), textDigest('{"a":2}'))
    assert.equal(textDigest('same'), textDigest('same'))
    assert.match(textDigest(''), /^[0-9a-z]+$/)
  })
})
