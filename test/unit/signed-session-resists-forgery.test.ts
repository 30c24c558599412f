import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  csrfToken,
  sessionGeneration,
  sessionKey,
  signSession,
  verifyCsrf,
} from '../../src/lib/signed-session'

const now = Date.UTC(2026, 10, 25, 12)
const hour = 3600_000

describe('signed sessions', () => {
  it('accepts a session signed with the same secret until it expires', async () => {
    const key = await sessionKey('the-token')
    const session = await signSession(key, now + 4 * hour, 0)
    assert.equal(await sessionGeneration(key, session, now), 0)
    assert.equal(await sessionGeneration(await sessionKey('the-token'), session, now), 0)
    assert.equal(await sessionGeneration(key, session, now + 4 * hour), undefined)
  })

  it('refuses a session once the secret changes', async () => {
    const session = await signSession(await sessionKey('old-token'), now + hour, 0)
    assert.equal(await sessionGeneration(await sessionKey('new-token'), session, now), undefined)
  })

  it('refuses a session whose expiry was moved or whose signature was altered', async () => {
    const key = await sessionKey('the-token')
    const session = await signSession(key, now + hour, 0)
    const [stamp = '', generation = '', signature = ''] = session.split('.')
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    for (const forged of [
      `${Number(stamp) + hour}.${generation}.${signature}`,
      `${stamp}.${generation}.${flipped}`,
      `${stamp}.${generation}.`,
      `${stamp}.${signature}`,
      stamp,
      '',
      undefined,
    ]) {
      assert.equal(await sessionGeneration(key, forged, now), undefined, String(forged))
    }
  })

  it('names the generation a session was signed in, and refuses one whose generation was changed', async () => {
    const key = await sessionKey('the-token')
    const session = await signSession(key, now + hour, 3)
    assert.equal(await sessionGeneration(key, session, now), 3)
    assert.notEqual(await sessionGeneration(key, session, now), 4)
    const [stamp = '', , signature = ''] = session.split('.')
    assert.equal(await sessionGeneration(key, `${stamp}.4.${signature}`, now), undefined)
  })

  it('does not carry the secret in the session', async () => {
    const session = await signSession(await sessionKey('the-token'), now + hour, 0)
    assert.ok(!session.includes('the-token'))
  })

  it('gives each session its own CSRF token, unusable with another session', async () => {
    const key = await sessionKey('the-token')
    const one = await signSession(key, now + hour, 0)
    const two = await signSession(key, now + 2 * hour, 0)
    const token = await csrfToken(key, one)
    assert.equal(await verifyCsrf(key, one, token), true)
    assert.equal(await verifyCsrf(key, two, token), false)
    assert.equal(await verifyCsrf(key, one, undefined), false)
    assert.equal(await verifyCsrf(key, one, ''), false)
    assert.equal(await verifyCsrf(await sessionKey('other-token'), one, token), false)
  })
})
