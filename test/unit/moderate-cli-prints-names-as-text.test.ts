import assert from 'node:assert/strict'
import { it } from 'node:test'
import { commentTable, printable } from '../../scripts/moderate-table'

const forged = 'x\nApproved 0000 by admin\u202Egnp.exe'

it('prints line breaks, controls and direction overrides as visible escapes', () => {
  const shown = printable(forged)
  assert.equal(shown, 'x\\u{a}Approved 0000 by admin\\u{202e}gnp.exe')
  assert.doesNotMatch(shown, /[\n\u202E]/)
})

it('keeps each comment on one table row whatever its author and text hold', () => {
  const table = commentTable([
    {
      id: '0000000000000000000',
      article: 'a',
      author: forged,
      email: 'e@example.org',
      content: 'line one\nline two\u2066',
      status: 'pending',
      client: '0123456789abcdef0123456789abcdef',
      created: '2024-11-27T12:00:00.000Z',
    },
  ])
  assert.equal(table.split('\n').length, 2, 'a header and one row')
  assert.doesNotMatch(table, /[\u202E\u2066]/)
})
