import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkImport } from '../../src/comments/backups/backup-checks'
import { commentFields, recordFields } from '../../src/comments/fields'

// A comment as export writes it: the stored record, every key in place.
const exported = {
  id: '0m3zv5jk0qdq7ccj3n5',
  article: 'artists-leak-sora',
  author: 'Ann',
  email: 'ann@example.org',
  content: 'text',
  created: '2024-11-27T12:30:00.000Z',
  edited: '2024-11-27T12:35:00.000Z',
  edits: '1',
  status: 'approved',
  client: '',
}

describe('a field added to the field lists survives a backup', () => {
  test('a field the site writes, once on its list, is restored byte for byte', () => {
    const written = { ...recordFields, moderatedBy: { required: false } }
    const record = { ...exported, moderatedBy: 'moderator one' }
    const checked = checkImport({ comments: [record] }, { submitted: commentFields, written })
    assert.ok(checked.ok, JSON.stringify(checked))
    assert.equal(JSON.stringify(checked.comments), JSON.stringify([record]))
  })

  test('the same record is refused while the field is on no list', () => {
    const checked = checkImport({ comments: [{ ...exported, moderatedBy: 'moderator one' }] })
    assert.ok(!checked.ok)
    assert.deepEqual(
      checked.errors.map((issue) => `${issue.field}:${issue.code}`),
      ['comments[0].moderatedBy:unknown_field'],
    )
  })

  test('a required field added to a list is required of every record', () => {
    const written = { ...recordFields, moderatedBy: { required: true } }
    const checked = checkImport({ comments: [exported] }, { submitted: commentFields, written })
    assert.ok(!checked.ok)
    assert.deepEqual(
      checked.errors.map((issue) => `${issue.field}:${issue.code}`),
      ['comments[0].moderatedBy:required'],
    )
  })

  test('every field of both lists is restored, the edited ones too', () => {
    const checked = checkImport({ comments: [exported] })
    assert.ok(checked.ok, JSON.stringify(checked))
    assert.equal(JSON.stringify(checked.comments), JSON.stringify([exported]))
  })
})
