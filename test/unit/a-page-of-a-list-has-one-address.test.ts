import assert from 'node:assert/strict'
import { it } from 'node:test'
import { requestedPage } from '../../src/http/page-param'

it('reads ?page= as the pager writes it: absent is the first page, 2 and on the others', () => {
  assert.equal(requestedPage(undefined), 1)
  assert.equal(requestedPage('2'), 2)
  assert.equal(requestedPage('123456789'), 123_456_789)
})

it('takes no other spelling of a page, nor ?page=1, whose page is the plain address', () => {
  for (const param of [
    '1',
    '',
    '0',
    '01',
    '02',
    '2.0',
    '1e0',
    ' 2',
    '2 ',
    '-2',
    '+2',
    'x',
    '1234567890',
  ]) {
    assert.ok(Number.isNaN(requestedPage(param)), JSON.stringify(param))
  }
})
