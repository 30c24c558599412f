/**
 * The proof that lets a comment's author edit or delete it for a while, without
 * an account: an HMAC-SHA-256 (Web Crypto) over the comment's id and creation
 * time under a server secret, base64url. It is bound to that one comment (another
 * comment's proof does not verify), cannot be made without the secret, and is
 * never stored: it is recomputed to check, so KV holds nothing a reader could use.
 */

import { toBase64Url } from '../lib/base64url'
import { editWindowOpen } from './edit-window'
import { createdFromId } from './ids'

const encoder = new TextEncoder()

/** The HMAC key edit proofs are made and checked with. */
export type EditKey = CryptoKey

/** Imports the secret (EDIT_SECRET, or the derived one; see app/config.ts) as an HMAC key. */
export function editKey(secret: string): Promise<EditKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
}

/** What a proof is bound to: the comment's id and creation time. */
function message(comment: { id: string; created: string }): Uint8Array<ArrayBuffer> {
  // A copy typed as backed by an ArrayBuffer, which Web Crypto's BufferSource requires.
  return new Uint8Array(encoder.encode(`comment-edit\u0000${comment.id}\u0000${comment.created}`))
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  // The last character carries two unused bits; only the one canonical spelling is a proof.
  return toBase64Url(bytes) === text ? bytes : undefined
}

/** The proof handed to a comment's author when it is accepted. */
export async function editProof(
  key: EditKey,
  comment: { id: string; created: string },
): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, message(comment))))
}

/** Whether `proof` was made for this comment (compared in constant time by Web Crypto). */
export async function checkEditProof(
  key: EditKey,
  comment: { id: string; created: string },
  proof: string,
): Promise<boolean> {
  const signature = fromBase64Url(proof)
  if (!signature) return false
  return crypto.subtle.verify('HMAC', key, signature, message(comment))
}

/**
 * Whether `proof` can still open comment `id`, decided without reading it: the
 * proof is bound to the comment's creation time, which its id carries, and so
 * is the window. A page asks this of every edit cookie first, so forged or
 * stale cookies cost no KV read; authoriseEdit (edit.ts) still checks the
 * stored comment. Without a key no proof opens anything.
 */
export async function proofMayOpen(
  key: EditKey | undefined,
  id: string,
  proof: string,
  now: Date,
): Promise<boolean> {
  const created = createdFromId(id)
  if (!created || !key || !editWindowOpen({ created }, now)) return false
  return checkEditProof(key, { id, created }, proof)
}
