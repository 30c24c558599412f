import { toBase64Url } from './base64url'

const encoder = new TextEncoder()

const sha256Of = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))

/** A text's SHA-256 in lowercase hex (the comment fingerprints and client hashes). */
export async function sha256Hex(text: string): Promise<string> {
  return Array.from(await sha256Of(text), (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The first 128 bits of a text's SHA-256, in base64url: whether two texts
 * differ. A reader who writes both a comment and its edit cannot make the two
 * share a digest, so the nightly backup never keeps an old version for a new
 * one (comments/backups/previous-backup.ts).
 */
export async function textDigest(text: string): Promise<string> {
  return toBase64Url((await sha256Of(text)).subarray(0, 16))
}
