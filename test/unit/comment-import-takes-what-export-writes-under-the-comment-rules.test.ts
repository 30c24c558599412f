import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkImport } from '../../src/comments/backups/backup-checks'
import { commentFieldNames, recordFieldNames } from '../../src/comments/fields'
import type { StoredComment } from '../../src/comments/types'

// A comment as the store keeps it after its author edited it: every field there is.
const edited: StoredComment = {
  id: '0m3zv5jk0qdq7ccj3n5',
  article: 'artists-leak-sora',
  author: 'सुनीता',
  email: 'sunita@example.in',
  url: 'https://sunita.example.in/',
  content: 'पहली पंक्ति\nSecond line, edited',
  parent: '0m3zv5jk0qdq7ccj3n4',
  created: '2026-11-25T10:00:00.000Z',
  edited: '2026-11-25T10:05:00.000Z',
  edits: '2',
  status: 'approved',
  client: '0123456789abcdef0123456789abcdef',
}

function issues(record: Record<string, unknown>) {
  const checked = checkImport({ comments: [edited, record] })
  assert.ok(!checked.ok, 'refused')
  return checked.errors.map((e) => ({ index: e.index, field: e.field, code: e.code }))
}

describe('an import takes exactly what export writes', () => {
  test('an edited comment with every stored field comes back byte for byte', () => {
    assert.deepEqual(Object.keys(edited).sort(), [...commentFieldNames, ...recordFieldNames].sort())
    const checked = checkImport({ comments: [edited] })
    assert.ok(checked.ok, JSON.stringify(checked))
    assert.equal(JSON.stringify(checked.comments), JSON.stringify([edited]))
  })

  test('a field export never writes is still refused', () => {
    assert.deepEqual(issues({ ...edited, likes: '3' }), [
      { index: 1, field: 'comments[1].likes', code: 'unknown_field' },
    ])
    assert.deepEqual(issues({ ...edited, edited: 'yesterday' }), [
      { index: 1, field: 'comments[1].edited', code: 'invalid_value' },
    ])
  })
})

describe('an import applies the comment rules to every record', () => {
  test("the review's record is refused, each field with its reason, by its index", () => {
    const record = {
      ...edited,
      author: 'Mallory\n\u202Egnp.exe',
      email: 'not an address',
      content: 'x'.repeat(30_000),
    }
    assert.deepEqual(issues(record), [
      { index: 1, field: 'comments[1].author', code: 'single_line' },
      { index: 1, field: 'comments[1].email', code: 'invalid_email' },
      { index: 1, field: 'comments[1].content', code: 'too_long' },
    ])
    assert.deepEqual(issues({ ...edited, author: 'Mallory \u202Egnp.exe' }), [
      { index: 1, field: 'comments[1].author', code: 'bidi_controls' },
    ])
    assert.deepEqual(issues({ ...edited, content: 'a\u0007bell' }), [
      { index: 1, field: 'comments[1].content', code: 'control_characters' },
    ])
    assert.deepEqual(issues({ ...edited, author: 'a'.repeat(246) }), [
      { index: 1, field: 'comments[1].author', code: 'too_long' },
    ])
  })

  test('text is normalised as the intake does, every key kept in its place', () => {
    const checked = checkImport({
      comments: [{ ...edited, author: ' Ame\u0301lie ', content: 'one\r\ntwo\n' }],
    })
    assert.ok(checked.ok, JSON.stringify(checked))
    assert.equal(
      JSON.stringify(checked.comments[0]),
      JSON.stringify({ ...edited, author: 'Amélie', content: 'one\ntwo' }),
    )
  })

  test('a comment brought from elsewhere may have no e-mail and no client hash', () => {
    const checked = checkImport({ comments: [{ ...edited, email: '', client: '' }] })
    assert.ok(checked.ok, JSON.stringify(checked))
    assert.equal(checked.comments[0]?.email, '')
    assert.deepEqual(issues({ ...edited, client: '10.0.0.1' }), [
      { index: 1, field: 'comments[1].client', code: 'invalid_value' },
    ])
  })
})
