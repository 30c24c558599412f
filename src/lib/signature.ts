import { BoundedMap } from './bounded-map'

const encoder = new TextEncoder()
const keys = new BoundedMap<string, Promise<CryptoKey>>(8)

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )
    keys.set(secret, key)
  }
  return key
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/** HMAC-SHA-256 of `message` under `secret`, base64url without padding. */
export async function sign(secret: string, message: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message))
  return toBase64Url(new Uint8Array(mac))
}

/** Whether `signature` is `message`'s HMAC under `secret` (compared in constant time). */
export async function verify(secret: string, message: string, signature: string): Promise<boolean> {
  const mac = fromBase64Url(signature)
  if (!mac) return false
  return crypto.subtle.verify('HMAC', await hmacKey(secret), mac, encoder.encode(message))
}
