/**
 * HMAC-SHA-256 under Web Crypto: the one way this Worker signs what it hands
 * out (moderation sessions, CSRF tokens, device tokens, comment edit proofs)
 * and checks a secret or a signature it is shown. Every check is Web Crypto's
 * `verify`, which compares in constant time, so no comparison of secrets is
 * written by hand.
 */

import { toBase64Url } from './base64url'
import { BoundedMap } from './bounded-map'

const encoder = new TextEncoder()

/** A key that signs and verifies. */
export type HmacKey = CryptoKey

// A key is imported once per secret and isolate; an isolate holds a few secrets.
const imported = new BoundedMap<string, Promise<HmacKey>>(8)

/** The HMAC key of `secret`, imported once per isolate. */
export function hmacKey(secret: string): Promise<HmacKey> {
  const known = imported.get(secret)
  if (known) return known
  const key = importKey(encoder.encode(secret))
  imported.set(secret, key)
  return key
}

function importKey(bytes: BufferSource): Promise<HmacKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
}

/**
 * A key of its own for one use of `secret` (`label` names the use): signatures
 * made for one use never check for another, and a leaked key reveals nothing
 * of the secret.
 */
export async function derivedKey(secret: string, label: string): Promise<HmacKey> {
  return hmacKey(await hmacSign(await hmacKey(secret), label))
}

/** The signature of `message`, base64url (43 characters). */
export async function hmacSign(key: HmacKey, message: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))))
}

/** Whether `signature` is the signature of `message` under `key`, checked in constant time. */
export async function hmacVerify(
  key: HmacKey,
  message: string,
  signature: string,
): Promise<boolean> {
  const bytes = signatureBytes(signature)
  return bytes !== undefined && crypto.subtle.verify('HMAC', key, bytes, encoder.encode(message))
}

// Compared as signatures under a key no one else holds, made afresh per isolate
// (at its first use: a Worker draws no random values at start-up).
let comparingKey: Promise<HmacKey> | undefined

/**
 * Whether `candidate` is `secret` (a bearer token, say), in constant time
 * whatever either's length: the candidate is checked against the secret's
 * signature under a random key of this isolate.
 */
export async function isSameSecret(secret: string, candidate: string): Promise<boolean> {
  comparingKey ??= importKey(crypto.getRandomValues(new Uint8Array(32)))
  const key = await comparingKey
  return hmacVerify(key, candidate, await hmacSign(key, secret))
}

function signatureBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  // The last character carries two unused bits; only the one canonical spelling is a signature.
  return toBase64Url(bytes) === text ? bytes : undefined
}
