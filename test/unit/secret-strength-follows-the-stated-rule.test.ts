import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { minimumLength, secretBits, secretWeakness } from '../../src/lib/secret-strength'

describe('secret strength', () => {
  it('is the length times log2 of the alphabet of the classes used', () => {
    assert.equal(secretBits('abcdefgh'), 8 * Math.log2(26))
    assert.equal(secretBits('abcd1234'), 8 * Math.log2(36))
    assert.equal(secretBits('aB3!aB3!'), 8 * Math.log2(95))
  })

  it('counts a generated base64 or base64url secret at 6 bits a character, whatever classes it drew', () => {
    // base64url of 32 random bytes that drew no digit, '-' or '_': its classes alone say 245 bits.
    const drawnWithoutDigits = 'sGkhwKfrsxIUOYlwiwLtQjCjcMbrTixWoUyZKbqvIHo'
    assert.equal(secretBits(drawnWithoutDigits), 43 * 6)
    assert.equal(secretWeakness(drawnWithoutDigits, 256), undefined)
    const padded = 'Zr3Kp9Wm2Xq7Lt5Nv8Bc4Hd6Jf1Gs0YaEuIoPkMnQw='
    assert.equal(secretBits(padded), (padded.length - 1) * 6, 'padding is not drawn')
    // One case only is not that shape: the classes decide.
    assert.equal(secretBits('abcdefghijklmnopqrstuvwxyz'), 26 * Math.log2(26))
  })

  it('accepts what docs/security.md says to generate, every time', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(32)
      for (const secret of [bytes.toString('base64'), bytes.toString('base64url')]) {
        assert.equal(secretWeakness(secret, 256), undefined, secret)
      }
      assert.equal(secretWeakness(randomBytes(16).toString('hex'), 128), undefined)
    }
  })

  it('refuses the old local default, short secrets and repeats', () => {
    assert.match(secretWeakness('change-me-local-token', 128) ?? '', /about 123 bits/)
    assert.equal(minimumLength(128), 20)
    assert.match(secretWeakness('Aa1-Aa1-Aa1-Aa1-Aa1', 128) ?? '', /19 characters/)
    assert.match(secretWeakness('Xy7!'.repeat(8), 128) ?? '', /repeats itself/)
    assert.match(secretWeakness(`${'a'.repeat(20)}Q9!x2Lm#pR4vT8&wZ`, 128) ?? '', /repeats/)
    assert.match(
      secretWeakness('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq', 256) ?? '',
      /fewer than 256/,
    )
  })
})
