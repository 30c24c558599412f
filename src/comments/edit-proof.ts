/**
 * The proof that lets a comment's author edit or delete it for a while, without
 * an account: an HMAC-SHA-256 (Web Crypto) over the comment's article, id and
 * creation time under a server secret, base64url. It is bound to that one comment
 * on that one article (another comment's proof does not verify, and a page checks
 * a proof for its own article before reading anything), cannot be made without the secret, and is
 * never stored: it is recomputed to check, so KV holds nothing a reader could use.
 */

import { toBase64Url } from '../lib/base64url'
import { editWindowOpen } from './edit-window'
import { createdFromId } from './ids'

const encoder = new TextEncoder()

/** The HMAC key edit proofs are made and checked with. */
export type EditKey = CryptoKey

/** Imports EDIT_SECRET (app/config.ts: only one strong enough) as an HMAC key. */
export function editKey(secret: string): Promise<EditKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
}

/** What a proof is bound to: the comment's article, id and creation time. */
export interface ProofSubject {
  article: string
  id: string
  created: string
}

function message(comment: ProofSubject): Uint8Array<ArrayBuffer> {
  const text = `comment-edit\u0000${comment.article}\u0000${comment.id}\u0000${comment.created}`
  // A copy typed as backed by an ArrayBuffer, which Web Crypto's BufferSource requires.
  return new Uint8Array(encoder.encode(text))
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  // The last character carries two unused bits; only the one canonical spelling is a proof.
  return toBase64Url(bytes) === text ? bytes : undefined
}

/** The proof handed to a comment's author when it is accepted. */
export async function editProof(key: EditKey, comment: ProofSubject): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, message(comment))))
}

/** Whether `proof` was made for this comment (compared in constant time by Web Crypto). */
export async function checkEditProof(
  key: EditKey,
  comment: ProofSubject,
  proof: string,
): Promise<boolean> {
  const signature = fromBase64Url(proof)
  if (!signature) return false
  return crypto.subtle.verify('HMAC', key, signature, message(comment))
}

/** Why a proof opens nothing, decided without reading the comment. */
export type ProofFault = 'no_edit_proof' | 'bad_edit_proof' | 'edit_window_closed'

/**
 * Whether `proof` can still open comment `id` of `article`, decided without
 * reading it: the proof is bound to the article and to the comment's creation
 * time, which its id carries, and so is the window. Every edit request and page
 * asks this first, so forged, stale or other articles' proofs cost no KV read;
 * the stored comment is checked after (edit.ts). Without a key no proof opens
 * anything. The proof is checked before the window, so only its author learns
 * that the window closed.
 */
export async function proofFault(
  key: EditKey | undefined,
  article: string,
  id: string,
  proof: string | undefined,
  now: Date,
): Promise<ProofFault | undefined> {
  if (!proof) return 'no_edit_proof'
  const created = createdFromId(id)
  if (!created || !key || !(await checkEditProof(key, { article, id, created }, proof))) {
    return 'bad_edit_proof'
  }
  return editWindowOpen({ created }, now) ? undefined : 'edit_window_closed'
}
