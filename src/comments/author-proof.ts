import { sign, verify } from '../lib/signature'
import { isCommentId } from './ids'

/** How long the author of a held comment can see it on the page. */
export const authorProofSeconds = 15 * 60

// The purpose is signed too, so a proof made for one use is worth nothing for another.
const purpose = 'held-view'

/**
 * A proof, kept by the author's browser, that it posted comment `id`, valid
 * until `expires` (epoch seconds): `<id>.<expires>.<signature>`. Nothing about it
 * is stored; checking it needs the secret and nothing else, so a stranger's
 * guess costs no KV read.
 */
export async function authorProof(secret: string, id: string, expires: number): Promise<string> {
  return `${id}.${expires}.${await sign(secret, `${purpose}\u0000${id}\u0000${expires}`)}`
}

/** Whether `proof` shows its bearer posted comment `id`, at `now` (epoch seconds). */
export async function provesAuthor(
  secret: string,
  proof: string | undefined,
  id: string,
  now: number,
): Promise<boolean> {
  const [provenId, expiresText, signature, ...rest] = (proof ?? '').split('.')
  if (rest.length > 0 || provenId !== id || !isCommentId(id) || !signature) return false
  const expires = Number(expiresText)
  if (!Number.isInteger(expires) || expires < now) return false
  return verify(secret, `${purpose}\u0000${id}\u0000${expires}`, signature)
}
