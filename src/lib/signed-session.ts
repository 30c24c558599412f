/**
 * Sessions that need little storage: a session is its expiry time and a
 * generation signed with a key derived from a secret, and its CSRF token is a
 * signature of the session. Only someone holding the secret can make either;
 * changing the secret voids every session at once, and so does moving the
 * generation on (the caller keeps that one number).
 */

import { toBase64Url } from './base64url'
import { derivedKey, type HmacKey, hmacSign, hmacVerify } from './hmac'

/** The signing key of a secret: never the secret itself, so a leaked key reveals nothing. */
export function sessionKey(secret: string): Promise<HmacKey> {
  return derivedKey(secret, 'session-signing-key')
}

/** The key device tokens are signed with: derived from the secret, apart from the sessions'. */
export function deviceKey(secret: string): Promise<HmacKey> {
  return derivedKey(secret, 'device-signing-key')
}

/**
 * A session valid until `expires` (milliseconds since the epoch) while the
 * generation is `generation`: `<expires>.<generation>.<signature>`.
 */
export async function signSession(
  key: HmacKey,
  expires: number,
  generation: number,
): Promise<string> {
  const stamp = String(Math.floor(expires))
  return `${stamp}.${generation}.${await hmacSign(key, `session:${stamp}:${generation}`)}`
}

/**
 * The generation `session` was signed in, when it was signed with `key` and has
 * not expired at `now`; undefined otherwise. The caller compares it with the
 * current generation, so a forged or stale cookie is refused before anything
 * is read from storage.
 */
export async function sessionGeneration(
  key: HmacKey,
  session: string | undefined,
  now: number,
): Promise<number | undefined> {
  const match = /^(\d{1,15})\.(\d{1,15})\.([\w-]{43})$/.exec(session ?? '')
  if (!match) return undefined
  const [, stamp = '', signed = '', signature = ''] = match
  if (Number(stamp) <= now) return undefined
  return (await hmacVerify(key, `session:${stamp}:${signed}`, signature))
    ? Number(signed)
    : undefined
}

/** The CSRF token of a session: its forms carry it, other sites cannot compute it. */
export function csrfToken(key: HmacKey, session: string): Promise<string> {
  return hmacSign(key, `csrf:${session}`)
}

/** Whether `token` is the CSRF token of `session`. */
export async function verifyCsrf(
  key: HmacKey,
  session: string,
  token: string | undefined,
): Promise<boolean> {
  return token !== undefined && hmacVerify(key, `csrf:${session}`, token)
}

/**
 * A device token: a random name and its signature, `<name>.<signature>`. It
 * proves that a browser or CLI once signed in with the secret, nothing more.
 */
export async function signDevice(key: HmacKey): Promise<string> {
  const name = toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
  return `${name}.${await hmacSign(key, `device:${name}`)}`
}

/** The device's name when `token` was signed with `key`; undefined otherwise. */
export async function verifyDevice(
  key: HmacKey,
  token: string | undefined,
): Promise<string | undefined> {
  const match = /^([\w-]{22})\.([\w-]{43})$/.exec(token ?? '')
  if (!match) return undefined
  const [, name = '', signature = ''] = match
  return (await hmacVerify(key, `device:${name}`, signature)) ? name : undefined
}
