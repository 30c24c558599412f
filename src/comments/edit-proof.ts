/**
 * The proof that lets a comment's author edit or delete it for a while, without
 * an account: an HMAC-SHA-256 (Web Crypto) over the comment's article, id and
 * creation time under a server secret, base64url. It is bound to that one comment
 * on that one article (another comment's proof does not verify, and a page checks
 * a proof for its own article before reading anything), cannot be made without the secret, and is
 * never stored: it is recomputed to check, so KV holds nothing a reader could use.
 */

import { type HmacKey, hmacSign, hmacVerify } from '../lib/hmac'
import { editWindowOpen } from './edit-window'
import { createdFromId } from './ids'

/** What a proof is bound to: the comment's article, id and creation time. */
export interface ProofSubject {
  article: string
  id: string
  created: string
}

function message(comment: ProofSubject): string {
  return `comment-edit\u0000${comment.article}\u0000${comment.id}\u0000${comment.created}`
}

/**
 * The proof handed to a comment's author when it is accepted, under the key of
 * EDIT_SECRET (app/config.ts: only one strong enough).
 */
export function editProof(key: HmacKey, comment: ProofSubject): Promise<string> {
  return hmacSign(key, message(comment))
}

/** Whether `proof` was made for this comment. */
export function checkEditProof(
  key: HmacKey,
  comment: ProofSubject,
  proof: string,
): Promise<boolean> {
  return hmacVerify(key, message(comment), proof)
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
  key: HmacKey | undefined,
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
