import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { duplicateFingerprint, foldForComparison } from '../../src/comments/fingerprint'
import { clientNetwork } from '../../src/http/client-network'

describe('the rate limiters’ client key', () => {
  it('is the /64 for IPv6 addresses, however they are written', () => {
    const key = clientNetwork('2001:db8:5:1::1')
    assert.equal(key, '2001:db8:5:1::/64')
    for (const same of [
      '2001:DB8:5:1::3',
      '2001:0db8:0005:0001:ffff:0:0:1',
      '2001:db8:5:1:a:b:c:d',
    ]) {
      assert.equal(clientNetwork(same), key, same)
    }
    assert.notEqual(clientNetwork('2001:db8:5:2::1'), key)
  })

  it('is the address for IPv4, also when it comes IPv4-mapped', () => {
    assert.equal(clientNetwork('198.51.100.7'), '198.51.100.7')
    assert.equal(clientNetwork('::ffff:198.51.100.7'), '198.51.100.7')
    assert.notEqual(clientNetwork('198.51.100.8'), clientNetwork('198.51.100.7'))
  })

  it('keeps anything unreadable as it is, so it is still counted', () => {
    assert.equal(clientNetwork('unknown'), 'unknown')
    assert.equal(clientNetwork('1:2:3'), '1:2:3')
  })
})

describe('duplicate detection', () => {
  it('folds case, whitespace runs, no-break spaces and invisible characters', async () => {
    const original = await duplicateFingerprint('a', 'Reader@Example.org', 'पहली बार यह Bात')
    for (const variant of [
      'पहली बार यह Bात\u200B',
      'पहली\u00A0बार यह bात',
      ' पहली  बार\nयह bात ',
      'पहली\u2060 बार यह Bात\uFEFF',
    ]) {
      assert.equal(
        await duplicateFingerprint('a', 'reader@example.org ', variant),
        original,
        variant,
      )
    }
    assert.notEqual(await duplicateFingerprint('a', 'reader@example.org', 'दूसरी बात'), original)
    assert.notEqual(
      await duplicateFingerprint('b', 'reader@example.org', 'पहली बार यह Bात'),
      original,
    )
  })

  it('compares only; the folded form is never what is stored', () => {
    assert.equal(foldForComparison(' A\u00A0B\u200B '), 'a b')
  })
})
