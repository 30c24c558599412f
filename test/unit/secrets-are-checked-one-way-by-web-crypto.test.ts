import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { derivedKey, hmacKey, hmacSign, hmacVerify, isSameSecret } from '../../src/lib/hmac'

describe('secrets are checked one way, by Web Crypto', () => {
  it('a secret matches itself only, not a prefix, a longer text or the empty text', async () => {
    const secret = 'a-long-admin-token-of-many-bits'
    assert.equal(await isSameSecret(secret, secret), true)
    for (const candidate of [
      secret.slice(0, -1),
      `${secret}x`,
      '',
      'A-long-admin-token-of-many-bits',
    ]) {
      assert.equal(await isSameSecret(secret, candidate), false)
    }
  })

  it('a signature verifies for its message and key only', async () => {
    const key = await hmacKey('secret one')
    const signature = await hmacSign(key, 'message')
    assert.match(signature, /^[\w-]{43}$/)
    assert.equal(await hmacVerify(key, 'message', signature), true)
    assert.equal(await hmacVerify(key, 'other message', signature), false)
    assert.equal(await hmacVerify(await hmacKey('secret two'), 'message', signature), false)
  })

  it('only the canonical spelling of a signature verifies', async () => {
    const key = await hmacKey('secret one')
    const signature = await hmacSign(key, 'message')
    // The last character carries two unused bits: another character there spells the same bytes.
    const last = signature.at(-1) ?? ''
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? ''
    assert.equal(await hmacVerify(key, 'message', signature.slice(0, -1) + sibling), false)
    assert.equal(await hmacVerify(key, 'message', `${signature}=`), false)
  })

  it('keys derived for two uses of one secret sign apart', async () => {
    const sessions = await derivedKey('the-token', 'session-signing-key')
    const devices = await derivedKey('the-token', 'device-signing-key')
    const signature = await hmacSign(sessions, 'device:x')
    assert.equal(await hmacVerify(devices, 'device:x', signature), false)
  })
})
