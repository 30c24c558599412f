import { toBase64Url } from './base64url'

const encoder = new TextEncoder()

/**
 * The first 128 bits of a text's SHA-256, in base64url: whether two texts
 * differ. A reader who writes both a comment and its edit cannot make the two
 * share a digest, so the nightly backup never keeps an old version for a new
 * one (comments/backups/previous-backup.ts).
 */
export async function textDigest(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return toBase64Url(new Uint8Array(hash, 0, 16))
}
