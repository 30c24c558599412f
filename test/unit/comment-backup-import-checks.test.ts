import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkImport, maxImportBatch } from '../../src/comments/backups/backup-checks'

const valid = {
  id: '0m3zv5jk0qdq7ccj3n5',
  article: 'artists-leak-sora',
  author: 'Ann',
  email: '',
  url: 'https://ann.example.org/',
  content: 'text',
  parent: '0m3zv5jk0qdq7ccj3n6',
  created: '2024-11-27T12:30:00.000Z',
  status: 'approved',
  client: '',
}

function codes(body: unknown): string[] {
  const checked = checkImport(body)
  return checked.ok ? [] : checked.errors.map((e) => `${e.field}:${e.code}`)
}

describe('what an import batch must look like', () => {
  test('exported comments pass, in the order and with the key order they came in', () => {
    const { url: _url, parent: _parent, ...topLevel } = valid
    const checked = checkImport({ comments: [valid, topLevel] })
    assert.ok(checked.ok)
    assert.equal(JSON.stringify(checked.comments), JSON.stringify([valid, topLevel]))
  })

  test('the body must hold 1 to 100 comments', () => {
    assert.deepEqual(codes({}), ['comments:required'])
    assert.deepEqual(codes([valid]), ['comments:required'])
    assert.deepEqual(codes({ comments: [] }), ['comments:invalid_length'])
    const tooMany = Array.from({ length: maxImportBatch + 1 }, () => valid)
    assert.deepEqual(codes({ comments: tooMany }), ['comments:invalid_length'])
  })

  test('every field is checked and named with its place in the batch', () => {
    assert.deepEqual(codes({ comments: [valid, 'text'] }), ['comments[1]:invalid_type'])
    const { status: _status, ...noStatus } = valid
    assert.deepEqual(codes({ comments: [{ ...noStatus, extra: 1 }] }), [
      'comments[0].extra:unknown_field',
      'comments[0].status:required',
    ])
    assert.deepEqual(codes({ comments: [{ ...valid, content: 5 }] }), [
      'comments[0].content:invalid_type',
    ])
    assert.deepEqual(
      codes({
        comments: [
          {
            ...valid,
            id: '../v1:counts',
            article: 'Not A Slug',
            parent: 'x',
            status: 'published',
            created: '27 Nov 2024',
            author: ' ',
            content: '',
            url: 'javascript:alert(1)',
          },
        ],
      }),
      [
        'comments[0].id:invalid_value',
        'comments[0].article:invalid_value',
        'comments[0].created:invalid_value',
        'comments[0].status:invalid_value',
        'comments[0].author:required',
        'comments[0].url:invalid_url',
        'comments[0].content:required',
        'comments[0].parent:unknown_parent',
      ],
    )
  })
})
